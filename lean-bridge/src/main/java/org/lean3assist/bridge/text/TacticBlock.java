package org.lean3assist.bridge.text;

/**
 * A {@code begin … end} tactic block found in a source text, with the line of the declaration
 * command ({@code theorem}, {@code lemma}, …) it belongs to. All lines are Lean lines (from 1).
 *
 * @param declarationLine the line of the enclosing declaration's command keyword
 * @param declarationName the declared name, or an empty string when it has none ({@code example})
 * @param begin           where the {@code begin} keyword starts
 * @param end             where the matching {@code end} keyword starts
 */
public record TacticBlock(int declarationLine, String declarationName, LeanPosition begin, LeanPosition end) {
}
