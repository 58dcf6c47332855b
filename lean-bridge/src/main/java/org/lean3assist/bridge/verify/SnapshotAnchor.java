package org.lean3assist.bridge.verify;

import java.util.Optional;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * Keeps a checker from rebuilding the imported environment on every check. A Lean 3 server
 * re-elaborates a re-synced file from its last snapshot before the first changed character, but it
 * keeps no usable snapshot between the imports and the first command: a file whose first command
 * changes (the declaration a replay renames, when it is the file's first) is re-imported whole,
 * which with mathlib's {@code tactic} costs about 1.2 s a check (measured on Lean 3.51.1 with a raw
 * {@code lean --server}: 1.4 s, against 0.2 s once a fixed command stands after the imports).
 *
 * <p>So every file a checker is given for a source starts the same way: the source's import header
 * written anew from its module names ({@link ImportHeader#text()}), then {@link #LINE}, a command
 * that prints one line and changes nothing, then the source from its first command on. The warm-up
 * checks exactly that start, so the first replay already finds the snapshot. Line numbers move by a
 * fixed amount; columns keep their place (the first command's line is padded to its column).
 * A file that starts with {@code prelude} has no core library to print with and is left as it is.
 */
public final class SnapshotAnchor {

    /** The fixed command after the imports. */
    static final String LINE = "#check true -- lean3assist: Lean keeps the imported environment after this line\n";

    /**
     * A source as the checkers see it.
     *
     * @param content    the anchored text
     * @param lineOffset what to add to a line of the source's text from its first command on
     */
    public record Anchored(String content, int lineOffset, int firstCommandLine) {
        /** Where a position of the source's text from its first command on is in {@link #content()}. */
        public Optional<LeanPosition> position(LeanPosition inSource) {
            return inSource.line() < firstCommandLine ? Optional.empty()
                    : Optional.of(new LeanPosition(inSource.line() + lineOffset, inSource.column()));
        }
    }

    private SnapshotAnchor() {}

    /** The fixed start of every file for {@code source}: its header anew, then {@link #LINE}. */
    static String start(ImportHeader header) {
        return header.prelude() ? header.text() : header.text() + LINE;
    }

    /** {@code source} as the checkers see it. */
    public static Anchored anchor(String source) {
        ImportHeader.Scanned scanned = ImportHeader.scan(source);
        if (scanned.header().prelude()) {
            return new Anchored(source, 0, 1);
        }
        String start = start(scanned.header());
        int end = scanned.end();
        int lineStart = source.lastIndexOf('\n', end - 1) + 1;
        int headerLine = (int) source.substring(0, end).chars().filter(c -> c == '\n').count() + 1;
        int startLines = (int) start.chars().filter(c -> c == '\n').count();
        String padding = " ".repeat(source.codePointCount(lineStart, end));
        return new Anchored(start + padding + source.substring(end), startLines + 1 - headerLine, headerLine);
    }
}
