package org.lean3assist.bridge.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small scanner that follows Lean 3's lexical rules as far as the bridge needs them: comments
 * ({@code --} to the end of the line, {@code /- -/} nested) are skipped, strings and characters
 * are single tokens, identifiers may be dotted and may contain the letter-like Unicode that Lean 3
 * accepts, and the multi-character symbols {@code :=}, {@code <|>}, {@code ++}, {@code ::} are one
 * token each.
 *
 * <p>It is not a Lean parser: it is good enough to find {@code begin}/{@code end} pairs and to
 * lex a tactic candidate, and it never fails; unknown characters become one-character symbols.
 */
public final class LeanScanner {

    private static final List<String> MULTI_CHARACTER_SYMBOLS = List.of(
            "<|>", ":=", "++", "::", "->", "<-", "<=", ">=", "!=", "&&", "||", "==", "..", "$>", "<$>",
            "<*>", ">>=", ">>", "@[", "%%", "{!", "!}", "⁻¹");
    private static final Set<Integer> NON_IDENTIFIER_GREEK = Set.of((int) 'λ', (int) 'Π', (int) 'Σ');

    private LeanScanner() {
    }

    /** Scans the whole text into tokens, skipping whitespace and comments. */
    public static List<LeanToken> scan(String text) {
        List<LeanToken> tokens = new ArrayList<>();
        int index = 0;
        int length = text.length();
        while (index < length) {
            int codePoint = text.codePointAt(index);
            if (Character.isWhitespace(codePoint)) {
                index += Character.charCount(codePoint);
            } else if (text.startsWith("--", index)) {
                int lineEnd = text.indexOf('\n', index);
                index = lineEnd < 0 ? length : lineEnd + 1;
            } else if (text.startsWith("/-", index)) {
                index = skipBlockComment(text, index);
            } else if (codePoint == '"') {
                int end = skipQuoted(text, index, '"');
                tokens.add(new LeanToken(LeanToken.Kind.STRING, text.substring(index, end), index, end));
                index = end;
            } else if (codePoint == '\'' && isCharacterLiteral(text, index)) {
                int end = skipQuoted(text, index, '\'');
                tokens.add(new LeanToken(LeanToken.Kind.CHARACTER, text.substring(index, end), index, end));
                index = end;
            } else if (codePoint == '«') {
                int close = text.indexOf('»', index);
                int end = close < 0 ? length : close + 1;
                tokens.add(new LeanToken(LeanToken.Kind.ESCAPED_IDENTIFIER, text.substring(index, end), index, end));
                index = end;
            } else if (isIdentifierStart(codePoint)) {
                int end = scanIdentifier(text, index);
                tokens.add(new LeanToken(LeanToken.Kind.IDENTIFIER, text.substring(index, end), index, end));
                index = end;
            } else if (Character.isDigit(codePoint) && codePoint < 128) {
                int end = scanNumber(text, index);
                tokens.add(new LeanToken(LeanToken.Kind.NUMBER, text.substring(index, end), index, end));
                index = end;
            } else if (codePoint == '.' && index + 1 < length && isAsciiDigit(text.charAt(index + 1))) {
                int end = scanNumber(text, index + 1);
                tokens.add(new LeanToken(LeanToken.Kind.NUMBER, text.substring(index, end), index, end));
                index = end;
            } else {
                int end = index + Character.charCount(codePoint);
                for (String symbol : MULTI_CHARACTER_SYMBOLS) {
                    if (text.startsWith(symbol, index)) {
                        end = index + symbol.length();
                        break;
                    }
                }
                tokens.add(new LeanToken(LeanToken.Kind.SYMBOL, text.substring(index, end), index, end));
                index = end;
            }
        }
        return tokens;
    }

    /** Whether Lean 3 lets an identifier start with this code point. */
    public static boolean isIdentifierStart(int codePoint) {
        return (codePoint < 128 && (Character.isLetter(codePoint) || codePoint == '_'))
                || isLetterLikeUnicode(codePoint);
    }

    /** Whether Lean 3 lets an identifier continue with this code point. */
    public static boolean isIdentifierRest(int codePoint) {
        return isIdentifierStart(codePoint)
                || (codePoint < 128 && (Character.isDigit(codePoint) || codePoint == '\'' || codePoint == '!' || codePoint == '?'))
                || isSubscript(codePoint);
    }

    /**
     * Lean 3's letter-like Unicode: Greek and Coptic except λ Π Σ, polytonic Greek, the
     * letter-like symbols block (ℕ ℤ …) and the mathematical script, double-struck and fraktur
     * letters (𝓝 𝔽 𝕜).
     */
    public static boolean isLetterLikeUnicode(int codePoint) {
        return ((codePoint >= 0x3B1 && codePoint <= 0x3C9 || codePoint >= 0x391 && codePoint <= 0x3A9)
                        && !NON_IDENTIFIER_GREEK.contains(codePoint))
                || (codePoint >= 0x3CA && codePoint <= 0x3FB)
                || (codePoint >= 0x1F00 && codePoint <= 0x1FFE)
                || (codePoint >= 0x2100 && codePoint <= 0x214F)
                || (codePoint >= 0x1D49C && codePoint <= 0x1D59F);
    }

    /** Subscript letters and digits, which Lean 3 allows after an identifier's first character. */
    public static boolean isSubscript(int codePoint) {
        return (codePoint >= 0x2080 && codePoint <= 0x208C)
                || (codePoint >= 0x2090 && codePoint <= 0x209C)
                || (codePoint >= 0x1D62 && codePoint <= 0x1D6A);
    }

    private static int scanIdentifier(String text, int start) {
        int index = start;
        while (true) {
            while (index < text.length() && isIdentifierRest(text.codePointAt(index))) {
                index += Character.charCount(text.codePointAt(index));
            }
            // A dot continues the name only when an identifier starts right after it: h.right is one
            // token, but h.2 is h followed by the projection .2, as in Lean's own scanner.
            if (index + 1 < text.length() && text.charAt(index) == '.'
                    && isIdentifierStart(text.codePointAt(index + 1))) {
                index++;
            } else {
                return index;
            }
        }
    }

    private static int scanNumber(String text, int start) {
        int index = start;
        while (index < text.length() && (isAsciiDigit(text.charAt(index)) || Character.isLetter(text.charAt(index)) && text.charAt(index) < 128)) {
            index++;
        }
        if (index + 1 < text.length() && text.charAt(index) == '.' && isAsciiDigit(text.charAt(index + 1))) {
            index++;
            while (index < text.length() && isAsciiDigit(text.charAt(index))) {
                index++;
            }
        }
        return index;
    }

    private static boolean isAsciiDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private static boolean isCharacterLiteral(String text, int index) {
        // 'a' and '\n' are character literals; a lone ' elsewhere is a symbol.
        if (index + 2 < text.length() && text.charAt(index + 1) == '\\') {
            return true;
        }
        if (index + 1 >= text.length()) {
            return false;
        }
        int next = index + 1 + Character.charCount(text.codePointAt(index + 1));
        return next < text.length() && text.charAt(next) == '\'';
    }

    private static int skipQuoted(String text, int start, char quote) {
        int index = start + 1;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (character == '\\') {
                index += 2;
            } else if (character == quote) {
                return index + 1;
            } else {
                index++;
            }
        }
        return text.length();
    }

    private static int skipBlockComment(String text, int start) {
        int depth = 0;
        int index = start;
        while (index < text.length()) {
            if (text.startsWith("/-", index)) {
                depth++;
                index += 2;
            } else if (text.startsWith("-/", index)) {
                depth--;
                index += 2;
                if (depth == 0) {
                    return index;
                }
            } else {
                index++;
            }
        }
        return text.length();
    }
}
