package org.lean3assist.engine;

/**
 * The engine's one way of saying that an answer is no longer wanted. The front ends convert theirs
 * at the edge (LSP4J's {@code CancelChecker}, an edit that makes a document version stale, a
 * command line that never cancels); long work such as a model's decoding asks it between steps.
 */
@FunctionalInterface
public interface Cancellation {

    /** Never cancelled: a command-line run waits for its answer. */
    Cancellation NEVER = () -> false;

    boolean isCancelled();

    /** Cancelled when either is. */
    default Cancellation or(Cancellation other) {
        return () -> isCancelled() || other.isCancelled();
    }
}
