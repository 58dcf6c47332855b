package org.lean3assist.model;

/**
 * Asked between decoding steps whether the caller still wants the answer; the language server passes a checker
 * that turns true when the document changed or the request was cancelled.
 */
@FunctionalInterface
public interface CancelCheck {

    /** A checker that never cancels, for callers without cancellation (the bench, tests). */
    CancelCheck NEVER = () -> false;

    boolean isCancelled();
}
