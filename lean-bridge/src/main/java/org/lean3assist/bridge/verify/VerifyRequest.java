package org.lean3assist.bridge.verify;

import java.nio.file.Path;
import java.util.List;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * A request to replay candidates at a position of a document.
 *
 * @param file            the user's file (never written; it names the shadow files)
 * @param documentVersion the version of {@code content}; a newer version cancels the request
 * @param content         the document text the position refers to
 * @param position        where the candidates go: the start of a tactic inside a {@code begin … end} block
 * @param candidates      the candidate tactics, untrusted, each without a trailing comma
 */
public record VerifyRequest(Path file, int documentVersion, String content, LeanPosition position,
                            List<String> candidates) {

    public VerifyRequest {
        candidates = List.copyOf(candidates);
    }
}
