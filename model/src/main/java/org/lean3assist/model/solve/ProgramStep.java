package org.lean3assist.model.solve;

import java.util.Objects;

/** One program a solution wrote and what running it gave. */
public record ProgramStep(String program, Interpreter.Output output) {

    public ProgramStep {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(output, "output");
    }
}
