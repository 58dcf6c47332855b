package org.lean3assist.engine.suggest;

import java.util.List;
import java.util.Optional;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.text.TacticBlock;
import org.lean3assist.bridge.text.TacticBlocks;

/**
 * Where a suggestion for the cursor goes: the start of the tactic the cursor is on, inside a closed
 * {@code begin … end} block. Lean's state there is the state before that tactic, and a replayed
 * candidate takes that tactic's place and everything after it in the block.
 *
 * @param block the enclosing block
 * @param start the first token of the tactic, as a Lean position
 */
public record TacticSite(TacticBlock block, LeanPosition start) {

    /**
     * The site for a cursor: on its line, the first token after the last comma outside brackets
     * before the cursor, else the line's first token. Empty outside a block, on the {@code begin}
     * or {@code end} line, and on a line with no token.
     */
    public static Optional<TacticSite> at(String text, LeanPosition cursor) {
        return at(text, LeanScanner.scan(text), new PositionConverter(text), cursor);
    }

    /**
     * The same, on a text already scanned and indexed: the language server keeps both per document
     * version, so a hover does not rescan the file.
     *
     * @param tokens    {@link LeanScanner#scan} of {@code text}
     * @param converter a converter over {@code text}
     */
    public static Optional<TacticSite> at(String text, List<LeanToken> tokens, PositionConverter converter, LeanPosition cursor) {
        Optional<TacticBlock> block = TacticBlocks.enclosing(tokens, converter, cursor);
        if (block.isEmpty() || cursor.line() <= block.get().begin().line() || cursor.line() >= block.get().end().line()) {
            return Optional.empty();
        }
        int cursorOffset = converter.offsetOf(cursor);
        int lineStart = converter.offsetOf(new LeanPosition(cursor.line(), 0));
        int lineEnd = cursor.line() < converter.lineCount()
                ? converter.offsetOf(new LeanPosition(cursor.line() + 1, 0)) : text.length();
        List<LeanToken> line = tokens.stream()
                .filter(token -> token.start() >= lineStart && token.start() < lineEnd)
                .toList();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        int siteOffset = line.get(0).start();
        int depth = 0;
        for (int index = 0; index < line.size() && line.get(index).start() < cursorOffset; index++) {
            String token = line.get(index).text();
            if (List.of("(", "[", "{", "⟨").contains(token)) {
                depth++;
            } else if (List.of(")", "]", "}", "⟩").contains(token)) {
                depth = Math.max(0, depth - 1);
            } else if (token.equals(",") && depth == 0 && index + 1 < line.size()) {
                siteOffset = line.get(index + 1).start();
            }
        }
        return Optional.of(new TacticSite(block.get(), converter.positionAt(siteOffset)));
    }

    /**
     * The tactic under a cursor in a term-mode {@code by} (as in {@code := by simp} or
     * {@code ⟨by assumption, by { exact h }⟩}): the start of the identifier under the cursor, when
     * a {@code by} comes before it in the same declaration. Lean decides whether a goal is there;
     * this only keeps the server from asking about every statement and term. No suggestion is
     * made for such a place: a replay needs a {@code begin … end} block.
     */
    public static Optional<LeanPosition> termModeTactic(List<LeanToken> tokens, PositionConverter converter,
                                                        LeanPosition cursor) {
        int offset = converter.offsetOf(cursor);
        int under = -1;
        for (int index = 0; index < tokens.size() && tokens.get(index).start() <= offset; index++) {
            if (offset <= tokens.get(index).end()) {
                under = index;
            }
        }
        if (under < 0 || tokens.get(under).kind() != LeanToken.Kind.IDENTIFIER || tokens.get(under).text().equals("by")) {
            return Optional.empty();
        }
        for (int index = under - 1; index >= 0; index--) {
            LeanToken token = tokens.get(index);
            if (token.kind() != LeanToken.Kind.IDENTIFIER) {
                continue;
            }
            if (token.text().equals("by")) {
                return Optional.of(converter.positionAt(tokens.get(under).start()));
            }
            if (TacticBlocks.DECLARATION_COMMANDS.contains(token.text()) || token.text().equals("end")) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
