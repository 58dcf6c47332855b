package org.lean3assist.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;
import org.lean3assist.bridge.text.PositionConverter;

/**
 * The editor's view of every open document: the text and version the client last sent. Changes are
 * applied in the order the client sent them (LSP4J delivers notifications in order).
 */
final class TextDocuments {

    /**
     * One open document at one version. The line index and the token list are computed on first
     * use and kept with the version, so hovers and code actions on an unchanged document do not
     * rescan it.
     */
    static final class Snapshot {
        private final String uri;
        private final int version;
        private final String text;
        private final Optional<Path> path;
        private volatile PositionConverter converter;
        private volatile List<LeanToken> tokens;

        private Snapshot(String uri, int version, String text, Optional<Path> path) {
            this.uri = uri;
            this.version = version;
            this.text = text;
            this.path = path;
        }

        String uri() {
            return uri;
        }

        int version() {
            return version;
        }

        String text() {
            return text;
        }

        /** The file behind the URI; empty for URIs that name no local file ({@code untitled:}, ...). */
        Optional<Path> path() {
            return path;
        }

        /** The line index of this version's text. */
        PositionConverter converter() {
            PositionConverter computed = converter;
            if (computed == null) {
                // Two threads may both compute it; both results are equal, either may win.
                computed = new PositionConverter(text);
                converter = computed;
            }
            return computed;
        }

        /** An LSP position of this text as a Lean position; empty for a line or column before the text or a line past it. */
        Optional<LeanPosition> cursor(Position position) {
            PositionConverter text = converter();
            if (position.getLine() < 0 || position.getLine() >= text.lineCount() || position.getCharacter() < 0) {
                return Optional.empty();
            }
            return Optional.of(Conversions.toLean(text, position));
        }

        /** {@link LeanScanner#scan} of this version's text. */
        List<LeanToken> tokens() {
            List<LeanToken> computed = tokens;
            if (computed == null) {
                computed = LeanScanner.scan(text);
                tokens = computed;
            }
            return computed;
        }
    }

    private final Map<String, Snapshot> open = new ConcurrentHashMap<>();

    void open(String uri, int version, String text) {
        open.put(uri, new Snapshot(uri, version, text, Conversions.path(uri)));
    }

    /** Applies the client's changes; returns the new snapshot, or empty for a document never opened. */
    Optional<Snapshot> change(String uri, int version, Iterable<TextDocumentContentChangeEvent> changes) {
        Snapshot updated = open.computeIfPresent(uri, (key, current) -> {
            String text = current.text();
            for (TextDocumentContentChangeEvent change : changes) {
                text = apply(text, change);
            }
            return new Snapshot(uri, version, text, current.path());
        });
        return Optional.ofNullable(updated);
    }

    /** Forgets a document; returns its last snapshot, or empty for a document never opened. */
    Optional<Snapshot> close(String uri) {
        return Optional.ofNullable(open.remove(uri));
    }

    /** The URIs of every open document. */
    java.util.Set<String> uris() {
        return java.util.Set.copyOf(open.keySet());
    }

    /** The URI of the open document of a file, if there is one. */
    Optional<String> uriOf(Path file) {
        return open.values().stream().filter(snapshot -> snapshot.path().map(file::equals).orElse(false))
                .map(Snapshot::uri).findFirst();
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
