package org.lean3assist.bridge.protocol;

import java.util.Optional;

/**
 * The {@code record} of an {@code info} reply. Every field is optional in Lean's protocol;
 * {@code state} is the tactic state text when the position is inside a proof.
 */
public record InfoRecord(Optional<String> state, Optional<String> fullId, Optional<String> type,
                         Optional<String> doc, Optional<String> text, Optional<SourceLocation> source) {

    /** Where a constant is defined, as Lean reports it. */
    public record SourceLocation(String file, int line, int column) {
    }
}
