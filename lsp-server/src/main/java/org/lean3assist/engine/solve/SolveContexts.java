package org.lean3assist.engine.solve;

/** Where in a file a word problem's checks go. Pure functions over the user's (trusted) text. */
public final class SolveContexts {

    private SolveContexts() {
    }

    /**
     * The text before line {@code line} (1-based) of a file, and before the comment that line is inside, if any, so
     * that a problem written in a {@code /- … -/} comment or a docstring does not leave the comment open. Lean 3's
     * block comments nest; a {@code --} line comment ends at its line.
     */
    public static String before(String text, int line) {
        int cut = offsetOfLine(text, line);
        int depth = 0;
        int openedAt = -1;
        for (int i = 0; i < cut; i++) {
            if (depth == 0 && text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                if (end < 0 || end >= cut) {
                    break;
                }
                i = end;
            } else if (text.startsWith("/-", i)) {
                if (depth == 0) {
                    openedAt = i;
                }
                depth++;
                i++;
            } else if (depth > 0 && text.startsWith("-/", i)) {
                depth--;
                i++;
            }
        }
        return text.substring(0, depth > 0 ? openedAt : cut);
    }

    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int current = 1; current < line; current++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                return text.length();
            }
            offset = newline + 1;
        }
        return offset;
    }
}
