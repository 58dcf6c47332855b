package org.lean3assist.bridge.protocol;

import java.util.List;
import java.util.Optional;

/** The reply to {@code complete}: the identifier prefix Lean completed and its candidates. */
public record CompletionResponse(long seqNum, String prefix, List<Item> completions) {

    public CompletionResponse {
        completions = List.copyOf(completions);
    }

    /** One completion: the full name, its type and its doc string when Lean has them. */
    public record Item(String text, Optional<String> type, Optional<String> doc) {
    }
}
