package org.lean3assist.engine.solve;

/** How far an answer is vouched for. {@link #wire()} is its name in the protocol and the command line's JSON. */
public enum AnswerStatus {
    /**
     * Lean proved a statement that gives it: the solution's Lean 3 theorem that states it, or the arithmetic claim
     * whose value it is, with no claim of the solution refuted. Lean checks the arithmetic or the theorem, not that
     * they model the question: the statement is shown beside the answer.
     */
    CHECKED("checked"),
    /** Lean refuted one of the solution's claims. */
    CONTRADICTED("contradicted"),
    /** Lean proved nothing that gives it, or nothing was checked. */
    UNCHECKED("unchecked"),
    /** The solution states no answer. */
    NO_ANSWER("no-answer");

    private final String wire;

    AnswerStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
