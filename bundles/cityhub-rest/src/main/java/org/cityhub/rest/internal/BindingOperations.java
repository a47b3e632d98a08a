package org.cityhub.rest.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.cityhub.api.admin.BindingChangeException;
import org.cityhub.api.admin.BindingInfo;

/**
 * Binding changes asked through REST, run one at a time on a thread of their own: a download can take up to the
 * binding manager's limit, and a request thread waits only a few seconds for it. The last 100 are kept, so that a
 * client answered {@code 202} can follow its change to the end.
 */
final class BindingOperations implements AutoCloseable {

    private static final int KEPT = 100;

    /** A binding change: what was asked, when, and how it ends. */
    record Operation(String id, String action, String target, Instant started, CompletableFuture<BindingInfo> outcome) {
    }

    /** A change to carry out. */
    @FunctionalInterface
    interface Change {
        BindingInfo run() throws BindingChangeException;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
        Thread created = new Thread(work, "cityhub-binding-changes");
        created.setDaemon(true);
        return created;
    });
    private final Map<String, Operation> recent = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Operation> eldest) {
            return size() > KEPT;
        }
    };
    private final Clock clock;

    BindingOperations(Clock clock) {
        this.clock = clock;
    }

    /** Queues a change; it runs after those asked before it. */
    Operation start(String action, String target, Change change) {
        CompletableFuture<BindingInfo> outcome = new CompletableFuture<>();
        Operation operation = new Operation(UUID.randomUUID().toString(), action, target, clock.instant(), outcome);
        synchronized (recent) {
            recent.put(operation.id(), operation);
        }
        thread.execute(() -> {
            try {
                outcome.complete(change.run());
            } catch (BindingChangeException | RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
        return operation;
    }

    Optional<Operation> get(String id) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(id));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
