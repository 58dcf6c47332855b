package org.lean3assist.bridge.verify;

/**
 * What replaying a candidate showed, in ranking order: results are sorted by this order, so a
 * candidate that closes the goal comes first and one refused before Lean comes last.
 */
public enum Verdict {
    /** Lean accepted the proof with the candidate as its last tactic: no error, no warning. */
    CLOSES_GOAL,
    /** The candidate ran; goals remain (listed in the result). */
    PROGRESS,
    /** Lean reported an error caused by the candidate (its message is in the result). */
    INVALID,
    /** The proof is accepted only because of {@code sorry}. */
    USES_SORRY,
    /** Lean's deterministic timeout or memory limit hit, or the wall-clock replay limit. */
    TIMEOUT,
    /**
     * The safety filter refused the candidate, or Lean said it names meta code; it never ran in
     * Lean.
     */
    REJECTED
}
