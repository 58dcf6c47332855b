package org.lean3assist.bridge.verify;

import org.lean3assist.bridge.text.LeanPosition;

/**
 * A source text with a candidate put in place of the rest of a tactic block, its declaration
 * renamed to a fresh name and followed by the two commands whose output is the verdict's evidence.
 *
 * @param content          the whole variant text
 * @param candidateStart   where the candidate starts
 * @param afterCandidate   just after the candidate's trailing comma, where Lean reports the state after it
 * @param declarationLine  the declaration's command line
 * @param endLine          the line of the {@code end} that closes the variant's block
 * @param checkName        the fresh name the declaration is checked under ({@code lean3assist_verdict_<nonce>})
 * @param checkLine        the line of {@code #check @checkName}: its output shows that the messages read
 *                         are this replay's own, and that the declaration was added
 * @param axiomsLine       the line of {@code #print axioms checkName}: what the proof depends on
 */
public record Variant(String content, LeanPosition candidateStart, LeanPosition afterCandidate,
                      int declarationLine, int endLine, String checkName, int checkLine, int axiomsLine) {
}
