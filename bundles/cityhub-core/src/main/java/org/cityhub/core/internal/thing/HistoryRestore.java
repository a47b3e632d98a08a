package org.cityhub.core.internal.thing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityhub.api.binding.Backoff;
import org.cityhub.api.persistence.ChannelHistory;
import org.cityhub.api.persistence.PersistenceException;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores every channel's last recorded state once history is there (at start, or when the history bundle comes
 * back), so that a restart or a crash never shows {@code NULL} for a channel that had a value. Runs on a thread of
 * its own: a large history must not hold up the component runtime.
 */
@Component(immediate = true)
public final class HistoryRestore {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRestore.class);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private @Nullable Thread restoring;

    @Activate
    public HistoryRestore(@Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) @Nullable ChannelHistory history,
            @Reference RestoredStates states) {
        if (history == null) {
            return; // the hub runs without history; this component is activated again when it comes
        }
        Thread restore = new Thread(() -> restore(history, states), "cityhub-history-restore");
        this.restoring = restore;
        restore.setDaemon(true);
        restore.start();
    }

    /** Stops waiting for the store: the history service this component was given is going away. */
    @Deactivate
    void stop() {
        if (restoring != null) {
            restoring.interrupt();
        }
    }

    private static void restore(ChannelHistory history, RestoredStates states) {
        AtomicInteger read = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        long started = System.nanoTime();
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        while (true) {
            try {
                history.latest(point -> {
                    read.incrementAndGet();
                    if (states.restore(point.channel(), point.state(), point.time())) {
                        taken.incrementAndGet();
                    }
                });
                LOG.info("Restored {} channel states from history in {} ms ({} channels already had newer ones)",
                        taken.get(), (System.nanoTime() - started) / 1_000_000, read.get() - taken.get());
                return;
            } catch (PersistenceException | RuntimeException e) {
                // the history service may be up a moment before its store (both start with the hub)
                if (System.nanoTime() - started > PATIENCE.toNanos() || !pause(backoff.failed())) {
                    LOG.warn("Channel states could not be restored from history: {}; channels show states as devices"
                            + " report them", e.getMessage());
                    return;
                }
            }
        }
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
