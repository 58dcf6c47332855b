package org.lean3assist.bridge.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lean3assist.bridge.protocol.LeanMessage;

/**
 * Reads Lean's verdict on a variant from every message its checker holds, and fails closed:
 * each verdict but INVALID needs positive evidence from Lean, read from this replay's own output.
 *
 * <ol>
 * <li>A deterministic timeout or excessive memory consumption anywhere: {@link Verdict#TIMEOUT}.</li>
 * <li>A message too large to judge: {@link Verdict#INVALID}.</li>
 * <li>No single {@code #check} answer naming the variant's fresh name: the messages are not this
 *     replay's (lost, late, or an older replay's list), or the declaration was never added:
 *     {@link Verdict#INVALID}.</li>
 * <li>Exactly one error, and it is {@code tactic failed, there are unsolved goals} at the block's
 *     {@code end} (line {@link Variant#endLine()}, column 0) of this replay's file:
 *     {@link Verdict#PROGRESS}.</li>
 * <li>Any other error, in any file Lean reports, on any line: {@link Verdict#INVALID}. The one
 *     exception is an error that the user's own text before the declaration gives by itself,
 *     word for word at the same place ({@link Baseline#prefixErrors()}): the file may have a broken
 *     proof further up, and no candidate can have written that.</li>
 * <li>No error: the single {@code #print axioms} answer decides. {@code [sorry]} in it, or a
 *     {@code declaration … uses sorry} warning: {@link Verdict#USES_SORRY}. An axiom outside the
 *     known set (Lean's three, and those the declaration's environment already had):
 *     {@link Verdict#INVALID}. An answer that does not read
 *     as a list of names: {@link Verdict#INVALID}. Otherwise {@link Verdict#CLOSES_GOAL}.</li>
 * </ol>
 * Where the verdict would be INVALID only for want of the {@link Baseline} (an error before the
 * declaration or in another file, an axiom beyond Lean's three) and the baseline was not given,
 * {@link Classification#needsBaseline()} says so: the caller learns it and asks again.
 */
public final class ReplayClassifier {

    /** The start of the error Lean reports at {@code end} when goals remain. */
    public static final String UNSOLVED_GOALS = "tactic failed, there are unsolved goals";

    /** The axioms of Lean 3's core library; every mathlib proof may use them. */
    public static final Set<String> STANDARD_AXIOMS = Set.of("propext", "classical.choice", "quot.sound");

    /** Longer messages are not judged: nothing honest about one proof step is this long. */
    public static final int MAX_MESSAGE_CHARS = 1 << 20;

    private static final Pattern AXIOM_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_'.₀-₉]*");
    private static final String NO_AXIOMS = "no axioms";
    private static final String SORRY_MARK = "[sorry]";

    private ReplayClassifier() {
    }

    /**
     * What the text before the declaration gives by itself, with nothing of the candidate in it:
     * the axioms its environment declares, and its own errors ({@link #key(LeanMessage)}).
     *
     * @param known whether it was asked for; {@link #UNKNOWN} is Lean's three axioms and no errors
     */
    public record Baseline(boolean known, Set<String> axioms, Set<String> prefixErrors) {

        public static final Baseline UNKNOWN = new Baseline(false, STANDARD_AXIOMS, Set.of());

        public Baseline {
            axioms = Set.copyOf(axioms);
            prefixErrors = Set.copyOf(prefixErrors);
        }
    }

    /**
     * The verdict, why (Lean's message, or what evidence was missing), the message that decided it
     * (for PROGRESS, the unsolved-goals error whose state lists the goals left), this replay's
     * messages, and whether the verdict could change once the {@link Baseline} is known.
     */
    public record Classification(Verdict verdict, Optional<String> explanation, Optional<LeanMessage> decisiveMessage,
                                 List<LeanMessage> relevant, boolean needsBaseline) {

        static Classification of(Verdict verdict, String explanation, List<LeanMessage> relevant) {
            return new Classification(verdict, Optional.of(explanation), Optional.empty(), relevant, false);
        }

        static Classification decidedBy(Verdict verdict, LeanMessage message, List<LeanMessage> relevant) {
            return new Classification(verdict, Optional.of(message.text()), Optional.of(message), relevant, false);
        }
    }

    /** A message's identity for comparing a replay with its baseline: file, place, severity and text. */
    public static String key(LeanMessage message) {
        return message.fileName() + ":" + message.line() + ":" + message.column() + ":" + message.severity() + ":"
                + message.text();
    }

    /**
     * @param variant      what was synced
     * @param fileName     the name it was synced under
     * @param allMessages  every message of the checker's latest {@code all_messages}, all files
     * @param baseline     what the text before the declaration gives by itself, or {@link Baseline#UNKNOWN}
     */
    public static Classification classify(Variant variant, String fileName, List<LeanMessage> allMessages,
                                          Baseline baseline) {
        List<LeanMessage> own = allMessages.stream().filter(message -> message.fileName().equals(fileName))
                .sorted(Comparator.comparingInt(LeanMessage::line).thenComparingInt(LeanMessage::column)).toList();
        List<LeanMessage> relevant = own.stream()
                .filter(message -> message.line() >= variant.declarationLine() && message.line() <= variant.endLine())
                .toList();
        Optional<LeanMessage> limit = allMessages.stream().filter(ReplayClassifier::isResourceLimit).findFirst();
        if (limit.isPresent()) {
            return Classification.decidedBy(Verdict.TIMEOUT, limit.get(), relevant);
        }
        if (allMessages.stream().anyMatch(message -> message.text().length() > MAX_MESSAGE_CHARS)) {
            return Classification.of(Verdict.INVALID, "Lean's output was too large to judge", relevant);
        }
        List<LeanMessage> allErrors = allMessages.stream()
                .filter(message -> message.severity() == LeanMessage.Severity.ERROR).toList();
        List<LeanMessage> errors = new ArrayList<>(allErrors.stream()
                .filter(message -> !(isBeforeDeclaration(message, fileName, variant)
                        && baseline.prefixErrors().contains(key(message))))
                .toList());
        // Errors the user's text may give by itself: before the declaration, or in another file.
        boolean baselineCouldExcuse = !baseline.known() && errors.stream()
                .anyMatch(message -> isBeforeDeclaration(message, fileName, variant) || !message.fileName().equals(fileName));
        // Errors in this replay's own file come first, so the message shown is about the candidate.
        errors.sort(Comparator.comparing((LeanMessage message) -> !message.fileName().equals(fileName))
                .thenComparingInt(LeanMessage::line).thenComparingInt(LeanMessage::column));
        if (!hasFreshAnswer(variant, fileName, allMessages)) {
            return errors.isEmpty()
                    ? Classification.of(Verdict.INVALID, "Lean's answer for this replay was not seen (lost, late or"
                            + " replaced), so nothing is claimed for it", relevant)
                    : Classification.decidedBy(Verdict.INVALID, errors.get(0), relevant);
        }
        if (!errors.isEmpty()) {
            List<LeanMessage> inDeclaration = errors.stream().filter(message -> !isBeforeDeclaration(message, fileName, variant)
                    && message.fileName().equals(fileName)).toList();
            LeanMessage first = inDeclaration.isEmpty() ? errors.get(0) : inDeclaration.get(0);
            if (errors.size() == 1 && first.fileName().equals(fileName) && isUnsolvedGoalsAtEnd(first, variant.endLine())) {
                return Classification.decidedBy(Verdict.PROGRESS, first, relevant);
            }
            return new Classification(Verdict.INVALID, Optional.of(first.text()), Optional.of(first), relevant,
                    baselineCouldExcuse);
        }
        // The replayed declaration's own warning: an earlier declaration's sorry (a file of
        // exercises, each "begin sorry end") says nothing of this one; a proof that uses such a
        // lemma still depends on sorry, and #print axioms below says so.
        Optional<LeanMessage> sorryWarning = own.stream()
                .filter(message -> message.severity() == LeanMessage.Severity.WARNING)
                .filter(message -> relevant.contains(message) || message.text().contains(variant.checkName()))
                .filter(message -> message.text().startsWith("declaration '") && message.text().endsWith("' uses sorry"))
                .findFirst();
        if (sorryWarning.isPresent()) {
            return Classification.decidedBy(Verdict.USES_SORRY, sorryWarning.get(), relevant);
        }
        List<LeanMessage> axiomAnswers = answersAt(own, variant.axiomsLine());
        if (axiomAnswers.size() != 1) {
            return Classification.of(Verdict.INVALID, "Lean did not say which axioms the proof uses", relevant);
        }
        Optional<Axioms> axioms = parseAxioms(axiomAnswers.get(0).text());
        if (axioms.isEmpty()) {
            return Classification.of(Verdict.INVALID, "Lean's list of the proof's axioms could not be read: "
                    + shorten(axiomAnswers.get(0).text()), relevant);
        }
        if (axioms.get().sorry()) {
            return Classification.of(Verdict.USES_SORRY, "the proof depends on sorry", relevant);
        }
        Set<String> unknown = new LinkedHashSet<>(axioms.get().names());
        unknown.removeAll(STANDARD_AXIOMS);
        unknown.removeAll(baseline.axioms());
        if (!unknown.isEmpty()) {
            return new Classification(Verdict.INVALID, Optional.of("the proof depends on the axiom"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + ", which the declaration's environment did not have"), Optional.empty(), relevant, !baseline.known());
        }
        return new Classification(Verdict.CLOSES_GOAL, Optional.empty(), Optional.empty(), relevant, false);
    }

    /**
     * Whether the messages hold this replay's own answer: exactly one {@code #check} answer at its
     * line that names the variant's fresh name. A list left by another replay never does.
     */
    public static boolean hasFreshAnswer(Variant variant, String fileName, List<LeanMessage> allMessages) {
        List<LeanMessage> checkAnswers = answersAt(allMessages.stream()
                .filter(message -> message.fileName().equals(fileName)).toList(), variant.checkLine());
        return checkAnswers.size() == 1 && checkAnswers.get(0).text().startsWith(variant.checkName() + " :");
    }

    /** What {@code #print axioms NAME} printed: the axioms, and whether {@code [sorry]} was among them. */
    record Axioms(Set<String> names, boolean sorry) {
    }

    /**
     * Reads {@code #print axioms NAME}: {@code no axioms}, or one axiom name a line, with
     * {@code [sorry]} for a proof hole (possibly followed by {@code no axioms}). Anything else is
     * unreadable.
     */
    static Optional<Axioms> parseAxioms(String text) {
        Set<String> names = new LinkedHashSet<>();
        boolean sorry = false;
        boolean none = false;
        for (String line : text.split("\n")) {
            String entry = line.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals(SORRY_MARK)) {
                sorry = true;
            } else if (entry.equals(NO_AXIOMS)) {
                none = true;
            } else if (AXIOM_NAME.matcher(entry).matches()) {
                names.add(entry);
            } else {
                return Optional.empty();
            }
        }
        if (none == !names.isEmpty()) {
            // "no axioms" comes exactly when no name does.
            return Optional.empty();
        }
        return Optional.of(new Axioms(Set.copyOf(names), sorry));
    }

    /**
     * The axioms an environment declares, from a bare {@code #print axioms}: one
     * {@code NAME : TYPE} a declaration (types may go on over indented lines), or {@code no axioms}.
     */
    public static Optional<Set<String>> parseEnvironmentAxioms(String text) {
        if (text.strip().equals(NO_AXIOMS)) {
            return Optional.of(Set.of());
        }
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            int colon = line.indexOf(" : ");
            if (colon <= 0 || !AXIOM_NAME.matcher(line.substring(0, colon)).matches()) {
                return Optional.empty();
            }
            names.add(line.substring(0, colon));
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(names));
    }

    /** The goals listed in an unsolved-goals error, after its {@code state:} line. */
    public static Optional<String> unsolvedState(LeanMessage message) {
        int marker = message.text().indexOf("\nstate:\n");
        return message.text().startsWith(UNSOLVED_GOALS) && marker >= 0
                ? Optional.of(message.text().substring(marker + "\nstate:\n".length()))
                : Optional.empty();
    }

    private static boolean isBeforeDeclaration(LeanMessage message, String fileName, Variant variant) {
        return message.fileName().equals(fileName) && message.line() < variant.declarationLine();
    }

    private static List<LeanMessage> answersAt(List<LeanMessage> messages, int line) {
        return messages.stream().filter(message -> message.line() == line && message.column() == 0
                && message.severity() == LeanMessage.Severity.INFORMATION).toList();
    }

    private static boolean isUnsolvedGoalsAtEnd(LeanMessage message, int endLine) {
        return message.severity() == LeanMessage.Severity.ERROR && message.line() == endLine && message.column() == 0
                && message.text().startsWith(UNSOLVED_GOALS);
    }

    private static boolean isResourceLimit(LeanMessage message) {
        return message.text().contains("(deterministic) timeout")
                || message.text().contains("excessive memory consumption");
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
