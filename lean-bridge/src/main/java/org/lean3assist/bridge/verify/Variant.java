package org.lean3assist.bridge.verify;

import org.lean3assist.bridge.text.LeanPosition;

/**
 * A source text with a candidate put in place of the rest of a tactic block.
 *
 * @param content          the whole variant text
 * @param candidateStart   where the candidate starts
 * @param afterCandidate   just after the candidate's trailing comma, where Lean reports the state after it
 * @param declarationLine  the first line whose messages count: the declaration's command line
 * @param endLine          the line of the {@code end} that closes the variant's block
 */
public record Variant(String content, LeanPosition candidateStart, LeanPosition afterCandidate,
                      int declarationLine, int endLine) {
}
