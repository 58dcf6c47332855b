package org.lean3assist.engine.solve;

/** What Lean said of one arithmetic claim. {@link #wire()} is its name in the protocol and the command line's JSON. */
public enum ClaimVerdict {
    /** Lean proved it ({@code norm_num} over ℚ, no {@code sorry}, no new axiom). */
    PROVED("proved"),
    /** Lean proved its negation: the step is wrong. */
    REFUTED("refuted"),
    /** Lean proved neither (its message says why). */
    UNPROVED("unproved"),
    /** Nothing was checked: no Lean, or no mathlib for {@code norm_num}. */
    UNCHECKED("unchecked");

    private final String wire;

    ClaimVerdict(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
