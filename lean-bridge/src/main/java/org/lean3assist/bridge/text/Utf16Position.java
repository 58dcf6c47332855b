package org.lean3assist.bridge.text;

/**
 * A position as Java strings and LSP count it: {@code line} from 0, {@code character} in UTF-16
 * code units from 0.
 */
public record Utf16Position(int line, int character) {

    public Utf16Position {
        if (line < 0 || character < 0) {
            throw new IllegalArgumentException("UTF-16 positions are non-negative, got " + line + ":" + character);
        }
    }
}
