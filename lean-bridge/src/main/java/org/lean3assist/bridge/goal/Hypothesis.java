package org.lean3assist.bridge.goal;

import java.util.List;

/**
 * One line of a goal's context. Lean groups hypotheses that share a type, so one line can name
 * several: {@code a b c : ℕ}. The type keeps Lean's text, line breaks and indentation included.
 */
public record Hypothesis(List<String> names, String type) {

    public Hypothesis {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a hypothesis line names at least one hypothesis");
        }
    }

    /** Lean's text for this line: the names separated by spaces, then {@code " : "} and the type. */
    public String render() {
        return String.join(" ", names) + " : " + type;
    }
}
