package org.cityhub.transform;

/** One step of a {@link TransformChain}: text in, text out. Implementations are immutable and thread-safe. */
@FunctionalInterface
interface Step {

    /** The step's result for the input. */
    String apply(String input) throws TransformationException;
}
