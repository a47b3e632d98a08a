package org.cityhub.core.internal.thing.handler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub keeps for one installed binding: its factory and the pool its handlers run on. Shutting the pool
 * down when the binding leaves ends every thread of it, so nothing of the old revision stays alive.
 */
public final class BindingRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(BindingRuntime.class);
    private static final int THREADS = 4;

    private final String name;
    private final ThingHandlerFactory factory;
    private final ExecutorService pool;

    BindingRuntime(String name, ThingHandlerFactory factory) {
        this.name = name;
        this.factory = factory;
        this.pool = Executors.newFixedThreadPool(THREADS, new NamedThreadFactory("cityhub-binding-" + name));
    }

    public String name() {
        return name;
    }

    ThingHandlerFactory factory() {
        return factory;
    }

    boolean supports(ThingTypeUID type) {
        try {
            return factory.supportsThingType(type);
        } catch (RuntimeException e) {
            LOG.warn("binding {}: supportsThingType({}) failed: {}", name, type, e.toString());
            return false;
        }
    }

    ThingStrand newStrand(ThingUID thing, Consumer<Throwable> onFailure) {
        return new ThingStrand(thing, pool, onFailure);
    }

    /** Ends the binding's threads, interrupting calls that still hang. */
    public void shutdown() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("binding {}: handler calls still running after 2 s are interrupted", name);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
