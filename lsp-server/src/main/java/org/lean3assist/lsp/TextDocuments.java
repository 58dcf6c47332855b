package org.lean3assist.lsp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * The editor's view of every open document: the text and version the client last sent. Changes are
 * applied in the order the client sent them (LSP4J delivers notifications in order).
 */
final class TextDocuments {

    /** One open document at one version. */
    record Snapshot(String uri, int version, String text) {}

    private final Map<String, Snapshot> open = new ConcurrentHashMap<>();

    void open(String uri, int version, String text) {
        open.put(uri, new Snapshot(uri, version, text));
    }

    /** Applies the client's changes; returns the new snapshot, or empty for a document never opened. */
    Optional<Snapshot> change(String uri, int version, Iterable<TextDocumentContentChangeEvent> changes) {
        Snapshot updated = open.computeIfPresent(uri, (key, current) -> {
            String text = current.text();
            for (TextDocumentContentChangeEvent change : changes) {
                text = apply(text, change);
            }
            return new Snapshot(uri, version, text);
        });
        return Optional.ofNullable(updated);
    }

    void close(String uri) {
        open.remove(uri);
    }

    /** The URIs of every open document. */
    java.util.Set<String> uris() {
        return java.util.Set.copyOf(open.keySet());
    }

    Optional<Snapshot> get(String uri) {
        return Optional.ofNullable(open.get(uri));
    }

    /** Applies one full or ranged change; ranges count UTF-16 code units, as LSP does. */
    static String apply(String text, TextDocumentContentChangeEvent change) {
        if (change.getRange() == null) {
            return change.getText();
        }
        int start = offsetOf(text, change.getRange().getStart());
        int end = offsetOf(text, change.getRange().getEnd());
        if (end < start) {
            throw new IllegalArgumentException("change range ends before it starts: " + change.getRange());
        }
        return text.substring(0, start) + change.getText() + text.substring(end);
    }

    /** The String index of an LSP position, clamped to the line's end and to the text's end. */
    static int offsetOf(String text, Position position) {
        int lineStart = 0;
        for (int line = 0; line < position.getLine(); line++) {
            int newline = text.indexOf('\n', lineStart);
            if (newline < 0) {
                return text.length();
            }
            lineStart = newline + 1;
        }
        int lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        return Math.min(lineStart + Math.max(0, position.getCharacter()), lineEnd);
    }
}
