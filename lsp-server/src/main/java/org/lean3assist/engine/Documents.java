package org.lean3assist.engine;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.text.Utf16Position;

/**
 * Every open document: the text and version its owner last gave (an editor's buffer, or a file the
 * command line read). Changes are applied in the order they are given; ranges count UTF-16 units
 * from 0, as LSP does, so an editor's edits apply without a conversion.
 */
public final class Documents {

    /**
     * One edit: the text between {@code start} and {@code end}, or, without a range, the whole text.
     *
     * @param start where the replaced text starts; empty (with {@code end}) for a full replacement
     */
    public record Change(Optional<Utf16Position> start, Optional<Utf16Position> end, String text) {

        public static Change full(String text) {
            return new Change(Optional.empty(), Optional.empty(), text);
        }

        public static Change ranged(Utf16Position start, Utf16Position end, String text) {
            return new Change(Optional.of(start), Optional.of(end), text);
        }
    }

    /**
     * One open document at one version. The line index and the token list are computed on first
     * use and kept with the version, so requests on an unchanged document do not rescan it.
     */
    public static final class Snapshot {
        private final String uri;
        private final int version;
        private final String text;
        private final Optional<Path> path;
        private volatile PositionConverter converter;
        private volatile List<LeanToken> tokens;

        Snapshot(String uri, int version, String text, Optional<Path> path) {
            this.uri = uri;
            this.version = version;
            this.text = text;
            this.path = path;
        }

        public String uri() {
            return uri;
        }

        public int version() {
            return version;
        }

        public String text() {
            return text;
        }

        /** The file behind the URI; empty for URIs that name no local file ({@code untitled:}, ...). */
        public Optional<Path> path() {
            return path;
        }

        /** The line index of this version's text. */
        public PositionConverter converter() {
            PositionConverter computed = converter;
            if (computed == null) {
                // Two threads may both compute it; both results are equal, either may win.
                computed = new PositionConverter(text);
                converter = computed;
            }
            return computed;
        }

        /** A UTF-16 position of this text as a Lean position; empty for one before the text or a line past it. */
        public Optional<LeanPosition> cursor(Utf16Position position) {
            PositionConverter lines = converter();
            if (position.line() < 0 || position.line() >= lines.lineCount() || position.character() < 0) {
                return Optional.empty();
            }
            return Optional.of(lines.toLean(position));
        }

        /** {@link LeanScanner#scan} of this version's text. */
        public List<LeanToken> tokens() {
            List<LeanToken> computed = tokens;
            if (computed == null) {
                computed = LeanScanner.scan(text);
                tokens = computed;
            }
            return computed;
        }
    }

    private final Map<String, Snapshot> open = new ConcurrentHashMap<>();

    public Snapshot open(String uri, int version, String text) {
        Snapshot snapshot = new Snapshot(uri, version, text, pathOf(uri));
        open.put(uri, snapshot);
        return snapshot;
    }

    /** Applies the changes; returns the new snapshot, or empty for a document never opened. */
    public Optional<Snapshot> change(String uri, int version, Iterable<Change> changes) {
        Snapshot updated = open.computeIfPresent(uri, (key, current) -> {
            String text = current.text();
            for (Change change : changes) {
                text = apply(text, change);
            }
            return new Snapshot(uri, version, text, current.path());
        });
        return Optional.ofNullable(updated);
    }

    /** Forgets a document; returns its last snapshot, or empty for a document never opened. */
    public Optional<Snapshot> close(String uri) {
        return Optional.ofNullable(open.remove(uri));
    }

    /** The URIs of every open document. */
    public Set<String> uris() {
        return Set.copyOf(open.keySet());
    }

    /** The URI of the open document of a file, if there is one. */
    public Optional<String> uriOf(Path file) {
        return open.values().stream().filter(snapshot -> snapshot.path().map(file::equals).orElse(false))
                .map(Snapshot::uri).findFirst();
    }

    public Optional<Snapshot> get(String uri) {
        return Optional.ofNullable(open.get(uri));
    }

    /** The file behind a {@code file:} URI; empty for other schemes ({@code untitled:}) and bad URIs. */
    public static Optional<Path> pathOf(String uri) {
        try {
            URI parsed = URI.create(uri);
            return "file".equals(parsed.getScheme()) ? Optional.of(Path.of(parsed)) : Optional.empty();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Applies one full or ranged change. */
    static String apply(String text, Change change) {
        if (change.start().isEmpty() || change.end().isEmpty()) {
            return change.text();
        }
        int start = offsetOf(text, change.start().get());
        int end = offsetOf(text, change.end().get());
        if (end < start) {
            throw new IllegalArgumentException("change range ends before it starts: " + change.start().get()
                    + " to " + change.end().get());
        }
        return text.substring(0, start) + change.text() + text.substring(end);
    }

    /** The String index of a UTF-16 position, clamped to the line's end and to the text's end. */
    static int offsetOf(String text, Utf16Position position) {
        int lineStart = 0;
        for (int line = 0; line < position.line(); line++) {
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
        return Math.min(lineStart + Math.max(0, position.character()), lineEnd);
    }
}
