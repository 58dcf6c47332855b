package org.lean3assist.bridge.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts between Lean positions (line from 1, code-point column) and UTF-16 positions (line
 * from 0, UTF-16 column) for one document text.
 *
 * <p>Lines are separated by {@code '\n'}; a {@code '\r'} before it counts as a character of the
 * line, as it does for Lean. Columns past the end of a line are clamped to the line's end, and a
 * UTF-16 column that points between the two halves of a surrogate pair is moved back to the
 * start of that code point, because neither Lean nor an editor can address half a character.
 */
public final class PositionConverter {

    private final String text;
    private final int[] lineStarts;

    public PositionConverter(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int index = 0; index < text.length(); index++) {
            if (text.charAt(index) == '\n') {
                starts.add(index + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The number of lines; a text ending in a newline has an empty last line. */
    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of a 0-based line without its line break. */
    public String lineText(int zeroBasedLine) {
        int start = lineStarts[zeroBasedLine];
        int end = zeroBasedLine + 1 < lineStarts.length ? lineStarts[zeroBasedLine + 1] - 1 : text.length();
        return text.substring(start, end);
    }

    public Utf16Position toUtf16(LeanPosition position) {
        int line = Math.min(position.line() - 1, lineStarts.length - 1);
        String lineText = lineText(line);
        int codePoints = lineText.codePointCount(0, lineText.length());
        int column = Math.min(position.column(), codePoints);
        return new Utf16Position(line, lineText.offsetByCodePoints(0, column));
    }

    public LeanPosition toLean(Utf16Position position) {
        int line = Math.min(position.line(), lineStarts.length - 1);
        String lineText = lineText(line);
        int character = Math.min(position.character(), lineText.length());
        if (character > 0 && character < lineText.length()
                && Character.isLowSurrogate(lineText.charAt(character))
                && Character.isHighSurrogate(lineText.charAt(character - 1))) {
            character--;
        }
        return new LeanPosition(line + 1, lineText.codePointCount(0, character));
    }

    /** The UTF-16 offset into the whole text of a Lean position. */
    public int offsetOf(LeanPosition position) {
        Utf16Position utf16 = toUtf16(position);
        return lineStarts[utf16.line()] + utf16.character();
    }

    /** The Lean position of a UTF-16 offset into the whole text. */
    public LeanPosition positionAt(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = 0;
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= clamped) {
            line++;
        }
        return toLean(new Utf16Position(line, clamped - lineStarts[line]));
    }

    /** The length of a string in code points, which is how Lean measures a candidate's width. */
    public static int codePointLength(String value) {
        return value.codePointCount(0, value.length());
    }
}
