package org.lean3assist.bridge.verify;

/**
 * What follows the candidate's declaration in a replay variant.
 */
public enum VariantLayout {
    /**
     * Everything after the original block's {@code end} line, unchanged: the layout of the
     * recorded replays. Lean re-elaborates every later declaration, which dominates replay time.
     */
    REST_OF_FILE,
    /**
     * Nothing: the variant ends with the candidate's declaration. Later declarations cannot change
     * the verdict (only messages on the declaration's own lines count), so this gives the same
     * verdicts faster; it is the live default.
     */
    DECLARATION_ONLY
}
