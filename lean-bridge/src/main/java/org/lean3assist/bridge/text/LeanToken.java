package org.lean3assist.bridge.text;

/**
 * One token of Lean 3 source: its kind, its text and where it starts and ends as UTF-16 offsets
 * into the scanned text (end exclusive).
 */
public record LeanToken(Kind kind, String text, int start, int end) {

    /** The token classes the bridge needs to tell apart. */
    public enum Kind {
        /** An identifier or keyword, possibly dotted ({@code nat.add_comm}, {@code begin}). */
        IDENTIFIER,
        /** An identifier written in guillemets, {@code «like this»}. */
        ESCAPED_IDENTIFIER,
        /** A numeral, possibly with a fraction, or a field projection such as {@code .2}. */
        NUMBER,
        /** A string literal with its quotes. */
        STRING,
        /** A character literal with its quotes. */
        CHARACTER,
        /** Any other symbol: brackets, operators, punctuation. */
        SYMBOL
    }
}
