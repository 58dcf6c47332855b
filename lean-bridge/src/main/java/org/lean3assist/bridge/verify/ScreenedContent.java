package org.lean3assist.bridge.verify;

/**
 * The whole content of a file a checker Lean is given, in which every part a model wrote was
 * accepted by the safety filter; the rest is the user's own text or text the product writes.
 *
 * <p>This is the only type {@link CheckerPool.Checker#sync} and
 * {@link org.lean3assist.bridge.LeanServer#syncUntracked} take, and only this package makes one,
 * each kind by one factory below, so that every way text reaches a checker is listed here:
 * <ul>
 *   <li>{@link #replay}: a candidate's variant, built after the filter accepted the candidate;</li>
 *   <li>{@link #metaQuestion}: the question which of an accepted candidate's names are meta code;</li>
 *   <li>{@link #baseline}: the user's text before the declaration and {@code #print axioms};</li>
 *   <li>{@link #tacticQuestion}: the file's import header written anew and the question which of
 *       the product's own list of interactive tactics its environment has;</li>
 *   <li>{@link #statementCheck}: a formalized statement the statement screen accepted;</li>
 *   <li>{@link #warmUp}: import lines written from the module names of the user's header, then the
 *       fixed command of {@link SnapshotAnchor};</li>
 *   <li>{@link #EMPTY}: what a checker's previous file is cleared with.</li>
 * </ul>
 * Nothing public returns one, so outside this package it cannot be had at all.
 */
public final class ScreenedContent {

    /** The empty file, which drops a file's messages and ends its checking. */
    static final ScreenedContent EMPTY = new ScreenedContent("");

    private final String text;

    private ScreenedContent(String text) {
        this.text = text;
    }

    /** A replay of {@code variant}, whose candidate got {@code screened} from the verifier's screen. */
    static ScreenedContent replay(Variant variant, SafetyVerdict screened) {
        requireAccepted(screened);
        return new ScreenedContent(variant.content());
    }

    /** The meta-name question, asked only about candidates the screen accepted. */
    static ScreenedContent metaQuestion(MetaNames.Question question) {
        return new ScreenedContent(question.content());
    }

    /** Which interactive tactics the environment has: product-written text only. */
    static ScreenedContent tacticQuestion(TacticAvailability.Question question) {
        return new ScreenedContent(question.content());
    }

    /** The user's text before a declaration, then a {@code #print axioms} the product writes. */
    static ScreenedContent baseline(String userPrefix) {
        return new ScreenedContent(userPrefix + "#print axioms\n");
    }

    /** A statement check whose statement got {@code screened} from {@link StatementChecker#screen}. */
    static ScreenedContent statementCheck(StatementChecker.Check check, SafetyVerdict screened) {
        requireAccepted(screened);
        return new ScreenedContent(check.content());
    }

    /**
     * A warm-up file: import lines written from a header's module names, then the fixed command
     * every checker file starts with ({@link SnapshotAnchor}); {@code again} adds a comment line, so
     * that a second sync re-elaborates and Lean keeps its snapshot after that command.
     */
    static ScreenedContent warmUp(ImportHeader header, boolean again) {
        return new ScreenedContent(SnapshotAnchor.start(header) + (again ? "-- lean3assist: warm-up, again\n" : ""));
    }

    private static void requireAccepted(SafetyVerdict screened) {
        if (!screened.accepted()) {
            throw new IllegalArgumentException("refused text is never sent to a checker: "
                    + screened.rejection().orElse("refused"));
        }
    }

    /** The text Lean is given. */
    public String text() {
        return text;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return "ScreenedContent[" + text.length() + " chars]";
    }
}
