package org.cityhub.core.internal.thing.handler;

import org.cityhub.api.binding.ThingHandler;

/** A thing's running handler with everything that must be torn down with it. */
public record ActiveHandler(ThingHandler handler, BindingRuntime binding, ThingStrand strand, ThingCallback callback,
        HandlerTasks tasks) {
}
