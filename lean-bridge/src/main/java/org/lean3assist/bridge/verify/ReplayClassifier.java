package org.lean3assist.bridge.verify;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lean3assist.bridge.protocol.LeanMessage;

/**
 * Reads Lean's verdict on a variant from its messages, by the rules the recordings were
 * classified with. Only messages on the declaration's lines (its command line through the
 * variant's {@code end} line) count:
 * <ol>
 * <li>a deterministic timeout or excessive memory consumption: {@link Verdict#TIMEOUT};</li>
 * <li>any error other than {@code tactic failed, there are unsolved goals} at the {@code end}
 *     line, column 0: {@link Verdict#INVALID};</li>
 * <li>otherwise a warning {@code declaration '…' uses sorry}: {@link Verdict#USES_SORRY};</li>
 * <li>otherwise that unsolved-goals error: {@link Verdict#PROGRESS};</li>
 * <li>no error and no warning: {@link Verdict#CLOSES_GOAL}.</li>
 * </ol>
 */
public final class ReplayClassifier {

    /** The start of the error Lean reports at {@code end} when goals remain. */
    public static final String UNSOLVED_GOALS = "tactic failed, there are unsolved goals";

    private ReplayClassifier() {
    }

    /**
     * The verdict and the message that decided it (for example Lean's error for INVALID).
     */
    public record Classification(Verdict verdict, Optional<LeanMessage> decisiveMessage, List<LeanMessage> relevant) {
    }

    public static Classification classify(List<LeanMessage> fileMessages, int declarationLine, int endLine) {
        List<LeanMessage> relevant = fileMessages.stream()
                .filter(message -> message.line() >= declarationLine && message.line() <= endLine)
                .sorted(Comparator.comparingInt(LeanMessage::line).thenComparingInt(LeanMessage::column))
                .toList();
        Optional<LeanMessage> limit = relevant.stream().filter(ReplayClassifier::isResourceLimit).findFirst();
        if (limit.isPresent()) {
            return new Classification(Verdict.TIMEOUT, limit, relevant);
        }
        Optional<LeanMessage> otherError = relevant.stream()
                .filter(message -> message.severity() == LeanMessage.Severity.ERROR)
                .filter(message -> !isUnsolvedGoalsAtEnd(message, endLine))
                .findFirst();
        if (otherError.isPresent()) {
            return new Classification(Verdict.INVALID, otherError, relevant);
        }
        Optional<LeanMessage> sorry = relevant.stream()
                .filter(message -> message.severity() == LeanMessage.Severity.WARNING)
                .filter(message -> message.text().startsWith("declaration '") && message.text().endsWith("' uses sorry"))
                .findFirst();
        if (sorry.isPresent()) {
            return new Classification(Verdict.USES_SORRY, sorry, relevant);
        }
        Optional<LeanMessage> unsolved = relevant.stream().filter(message -> isUnsolvedGoalsAtEnd(message, endLine)).findFirst();
        if (unsolved.isPresent()) {
            return new Classification(Verdict.PROGRESS, unsolved, relevant);
        }
        return new Classification(Verdict.CLOSES_GOAL, Optional.empty(), relevant);
    }

    /** The goals listed in an unsolved-goals error, after its {@code state:} line. */
    public static Optional<String> unsolvedState(LeanMessage message) {
        int marker = message.text().indexOf("\nstate:\n");
        return message.text().startsWith(UNSOLVED_GOALS) && marker >= 0
                ? Optional.of(message.text().substring(marker + "\nstate:\n".length()))
                : Optional.empty();
    }

    private static boolean isUnsolvedGoalsAtEnd(LeanMessage message, int endLine) {
        return message.severity() == LeanMessage.Severity.ERROR && message.line() == endLine && message.column() == 0
                && message.text().startsWith(UNSOLVED_GOALS);
    }

    private static boolean isResourceLimit(LeanMessage message) {
        return message.text().contains("(deterministic) timeout")
                || message.text().contains("excessive memory consumption");
    }
}
