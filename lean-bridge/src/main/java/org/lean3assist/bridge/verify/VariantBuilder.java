package org.lean3assist.bridge.verify;

import java.util.Arrays;
import java.util.List;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.text.TacticBlock;
import org.lean3assist.bridge.text.TacticBlocks;

/**
 * Builds a replay variant the way the recorded replays were built: lines before the cursor line
 * are kept; the cursor line keeps its first {@code column} code points and gets
 * {@code <candidate>,}; then comes a line {@code end}; then everything after the original
 * block's {@code end} line, unchanged.
 *
 * <p>So the candidate replaces the rest of the block, and a verdict means "from here, this
 * tactic finishes the proof" or "leaves these goals". The trailing comma is accepted by Lean 3
 * before {@code end}, and makes the state after the candidate available to {@code info}.
 * With {@link VariantLayout#DECLARATION_ONLY} the text after the block is left out.
 */
public final class VariantBuilder {

    private VariantBuilder() {
    }

    /**
     * @throws IllegalArgumentException when the cursor is not inside a closed {@code begin … end} block
     */
    public static Variant build(String source, LeanPosition cursor, String candidate, VariantLayout layout) {
        TacticBlock block = TacticBlocks.enclosing(source, cursor).orElseThrow(() -> new IllegalArgumentException(
                "position " + cursor + " is not inside a begin … end block that is closed"));
        return build(source, cursor, block, candidate, layout);
    }

    public static Variant build(String source, LeanPosition cursor, TacticBlock block, String candidate,
                                VariantLayout layout) {
        List<String> lines = Arrays.asList(source.split("\n", -1));
        String cursorLine = lines.get(cursor.line() - 1);
        int cut = cursorLine.offsetByCodePoints(0, Math.min(cursor.column(),
                cursorLine.codePointCount(0, cursorLine.length())));
        StringBuilder variant = new StringBuilder();
        for (int index = 0; index < cursor.line() - 1; index++) {
            variant.append(lines.get(index)).append('\n');
        }
        variant.append(cursorLine, 0, cut).append(candidate).append(",\n").append("end");
        if (layout == VariantLayout.REST_OF_FILE) {
            for (int index = block.end().line(); index < lines.size(); index++) {
                variant.append('\n').append(lines.get(index));
            }
        } else {
            variant.append('\n');
        }
        int afterColumn = cursor.column() + PositionConverter.codePointLength(candidate) + 1;
        return new Variant(variant.toString(), cursor, new LeanPosition(cursor.line(), afterColumn),
                block.declarationLine(), cursor.line() + 1);
    }
}
