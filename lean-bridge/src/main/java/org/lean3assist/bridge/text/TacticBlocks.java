package org.lean3assist.bridge.text;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@code begin … end} block around a position, using {@link LeanScanner} so that
 * comments and strings never count.
 *
 * <p>{@code end} closes the innermost open {@code begin}, {@code match}, {@code namespace} or
 * {@code section}; that is how Lean 3 pairs them. A {@code begin} that is never closed has no
 * block, because Lean itself reports no goal state inside it.
 */
public final class TacticBlocks {

    /** The commands that start a declaration whose proof may be a tactic block. */
    public static final Set<String> DECLARATION_COMMANDS = Set.of(
            "theorem", "lemma", "def", "example", "instance", "definition", "abbreviation");

    /** The keywords whose block an {@code end} closes. */
    public static final Set<String> OPENERS_CLOSED_BY_END = Set.of("begin", "match", "namespace", "section");

    private TacticBlocks() {
    }

    /**
     * The innermost {@code begin … end} block that contains {@code position} strictly after its
     * {@code begin} keyword and no later than the start of its {@code end} keyword.
     */
    public static Optional<TacticBlock> enclosing(String text, LeanPosition position) {
        return enclosing(LeanScanner.scan(text), new PositionConverter(text), position);
    }

    /**
     * The same, on a text already scanned: callers that also need the tokens (to find the tactic
     * under a cursor, on every hover) scan once.
     *
     * @param tokens    {@link LeanScanner#scan} of the text
     * @param converter a converter over the same text
     */
    public static Optional<TacticBlock> enclosing(List<LeanToken> tokens, PositionConverter converter, LeanPosition position) {
        int offset = converter.offsetOf(position);
        Deque<Integer> openers = new ArrayDeque<>();
        TacticBlock best = null;
        for (int index = 0; index < tokens.size(); index++) {
            LeanToken token = tokens.get(index);
            if (token.kind() != LeanToken.Kind.IDENTIFIER) {
                continue;
            }
            if (OPENERS_CLOSED_BY_END.contains(token.text())) {
                openers.push(index);
            } else if (token.text().equals("end") && !openers.isEmpty()) {
                int openerIndex = openers.pop();
                LeanToken opener = tokens.get(openerIndex);
                boolean contains = opener.text().equals("begin") && opener.end() <= offset && offset <= token.start();
                // Blocks close inside-out, so the first block found that contains the position is
                // the innermost one.
                if (contains && best == null) {
                    best = block(tokens, openerIndex, converter, converter.positionAt(opener.start()),
                            converter.positionAt(token.start()));
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Why a candidate cannot replace the rest of {@code block} from {@code position}, if it cannot:
     * the position must start a tactic at the block's top level (right after {@code begin} or a
     * {@code ,}, outside any bracket), because the variant keeps the text before the position
     * and closes the block right after the candidate.
     */
    public static Optional<String> replayPositionProblem(String text, TacticBlock block, LeanPosition position) {
        PositionConverter converter = new PositionConverter(text);
        int beginOffset = converter.offsetOf(block.begin());
        int offset = converter.offsetOf(position);
        int depth = 0;
        LeanToken last = null;
        Deque<String> openers = new ArrayDeque<>();
        for (LeanToken token : LeanScanner.scan(text)) {
            if (token.start() < beginOffset) {
                if (token.kind() == LeanToken.Kind.IDENTIFIER && OPENERS_CLOSED_BY_END.contains(token.text())) {
                    openers.push(token.text());
                } else if (token.kind() == LeanToken.Kind.IDENTIFIER && token.text().equals("end") && !openers.isEmpty()) {
                    openers.pop();
                }
                continue;
            }
            if (openers.contains("begin") || openers.contains("match")) {
                // The variant closes only the inner block; the outer one would stay open and its
                // error would land after the lines the verdict looks at.
                return Optional.of("position " + position + " is in a begin … end block nested inside another term;"
                        + " candidates are replayed in a declaration's own begin … end block");
            }
            if (token.start() >= offset) {
                break;
            }
            if (token.end() > offset) {
                return Optional.of("position " + position + " is inside the token '" + token.text() + "'");
            }
            switch (token.text()) {
                case "(", "[", "{", "⟨" -> depth++;
                case ")", "]", "}", "⟩" -> depth--;
                default -> {
                }
            }
            last = token;
        }
        if (depth != 0) {
            return Optional.of("position " + position + " is inside a nested bracket or { … } block; "
                    + "candidates are replayed at the top level of a begin … end block");
        }
        if (last == null || !(last.text().equals("begin") || last.text().equals(","))) {
            return Optional.of("position " + position + " does not start a tactic (it must follow 'begin' or ',')");
        }
        return Optional.empty();
    }

    private static TacticBlock block(List<LeanToken> tokens, int beginIndex, PositionConverter converter,
                                     LeanPosition begin, LeanPosition end) {
        for (int index = beginIndex - 1; index >= 0; index--) {
            LeanToken token = tokens.get(index);
            if (token.kind() == LeanToken.Kind.IDENTIFIER && DECLARATION_COMMANDS.contains(token.text())) {
                String name = index + 1 < beginIndex && tokens.get(index + 1).kind() == LeanToken.Kind.IDENTIFIER
                        && !token.text().equals("example") && !token.text().equals("instance")
                        ? tokens.get(index + 1).text() : "";
                return new TacticBlock(converter.positionAt(token.start()).line(), name, begin, end);
            }
        }
        return new TacticBlock(begin.line(), "", begin, end);
    }
}
