package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lean3assist.bridge.protocol.AllMessages;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.ReplyParser;
import org.lean3assist.bridge.testing.CheckedReplays;
import org.lean3assist.bridge.testing.RecordedReplays;
import org.lean3assist.bridge.testing.Recordings;

/**
 * The classifier on the real Lean output of the project's checked recordings, as Lean gave it and
 * as an attacker, a lost message or a late one would change it. Every change that removes or
 * forges evidence must end in INVALID (or USES_SORRY), never in CLOSES_GOAL or PROGRESS.
 */
class ReplayClassifierTest {

    private static final Recordings RECORDINGS = RecordedReplays.RECORDINGS;

    /** A recorded check with the variant and the verdict it was given. */
    record Judged(String source, CheckedReplays.Case replay, Variant variant, CheckedReplays.Check check) {
        @Override
        public String toString() {
            return source + " " + replay;
        }
    }

    static List<Judged> judged() {
        List<Judged> judged = new ArrayList<>();
        for (String name : CheckedReplays.SOURCES) {
            // The checkers were given the source as the verifier anchors it (SnapshotAnchor).
            SnapshotAnchor.Anchored source = SnapshotAnchor.anchor(CheckedReplays.source(name));
            List<CheckedReplays.Check> checks = CheckedReplays.checks(RECORDINGS, name);
            for (CheckedReplays.Case replay : CheckedReplays.expected(name)) {
                Variant variant = VariantBuilder.build(source.content(), source.position(replay.position()).orElseThrow(),
                        replay.candidate());
                checks.stream().filter(check -> check.content().equals(variant.content())).findFirst()
                        .ifPresent(check -> judged.add(new Judged(name, replay, variant, check)));
            }
        }
        return judged;
    }

    static Stream<Judged> everyRecordedCheck() {
        return judged().stream();
    }

    static Stream<Judged> closing() {
        return judged().stream().filter(judged -> judged.replay().verdict() == Verdict.CLOSES_GOAL);
    }

    static Stream<Judged> progressing() {
        return judged().stream().filter(judged -> judged.replay().verdict() == Verdict.PROGRESS
                && !judged.replay().candidate().equals("sorry"));
    }

    @Test
    void everyCaseWasRecorded() {
        int cases = CheckedReplays.SOURCES.stream().mapToInt(name -> CheckedReplays.expected(name).size()).sum();
        assertEquals(cases, judged().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordedCheck")
    void givesLeansOutputItsRightfulVerdict(Judged judged) {
        ReplayClassifier.Classification first = classify(judged, judged.check().messages(), ReplayClassifier.Baseline.UNKNOWN);
        ReplayClassifier.Classification classification = first.needsBaseline()
                ? classify(judged, judged.check().messages(), baselineOf(judged)) : first;

        // A no-op is PROGRESS to the messages; the verifier, which also asks Lean for the state
        // before the candidate, is what calls it INVALID.
        boolean noOp = CheckedReplays.recorded(RECORDINGS, judged.source(), judged.replay().position(), judged.replay().candidate())
                .path("explanation").asText("").equals("the candidate leaves the goals as they were");
        assertEquals(noOp ? Verdict.PROGRESS : judged.replay().verdict(), classification.verdict(),
                classification.explanation().orElse(""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closing")
    void neverReadsAnotherReplaysMessagesAsThisOnes(Judged closed) {
        // The stale list: what the checker held after an earlier replay, read for a later one.
        for (Judged other : judged()) {
            if (other.variant().content().equals(closed.variant().content()) || !other.source().equals(closed.source())) {
                continue;
            }
            ReplayClassifier.Classification stale = ReplayClassifier.classify(other.variant(), other.check().fileName(),
                    closed.check().messages(), baselineOf(other));

            assertEquals(Verdict.INVALID, stale.verdict(), other + " read with the messages of " + closed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closing")
    void failsClosedWhenAnAnswerIsLostDoubledOrForged(Judged closed) {
        int check = closed.variant().checkLine();
        int axioms = closed.variant().axiomsLine();
        Map<String, UnaryOperator<List<LeanMessage>>> attacks = Map.of(
                "#check answer lost", messages -> without(messages, check),
                "#print axioms answer lost", messages -> without(messages, axioms),
                "#check answer doubled", messages -> with(messages, answerAt(messages, check)),
                "#print axioms answer doubled", messages -> with(messages, answerAt(messages, axioms)),
                "axioms listed and 'no axioms' too", messages -> replaced(messages, axioms, "no axioms\npropext"),
                "axiom list with an odd line", messages -> replaced(messages, axioms, "propext\nnot a name!"),
                "an error on a far line", messages -> with(messages, error(closed.check().fileName(), 9999, "boom")),
                "an error in another file", messages -> with(messages, error("/elsewhere/other.lean", 1, "boom")),
                "a message too large to judge", messages -> with(messages, new LeanMessage(closed.check().fileName(), 1, 0,
                        LeanMessage.Severity.INFORMATION, "", "x".repeat(ReplayClassifier.MAX_MESSAGE_CHARS + 1))),
                "an axiom the environment did not have", messages -> replaced(messages, axioms, "lean3assist_evil"));

        assertEquals(Verdict.CLOSES_GOAL, classify(closed, closed.check().messages(), baselineOf(closed)).verdict());
        attacks.forEach((attack, change) -> {
            ReplayClassifier.Classification changed = classify(closed, change.apply(closed.check().messages()),
                    baselineOf(closed));
            assertEquals(Verdict.INVALID, changed.verdict(), attack + ": " + changed);
            assertTrue(changed.explanation().isPresent(), attack);
        });
        assertEquals(Verdict.USES_SORRY, classify(closed, replaced(closed.check().messages(), axioms, "[sorry]\nno axioms"),
                baselineOf(closed)).verdict());
        LeanMessage ownSorry = new LeanMessage(closed.check().fileName(), closed.variant().declarationLine(), 0,
                LeanMessage.Severity.WARNING, "", "declaration '" + closed.variant().checkName() + "' uses sorry");
        assertEquals(Verdict.USES_SORRY, classify(closed, with(closed.check().messages(), ownSorry), baselineOf(closed)).verdict());
        // An earlier exercise left as sorry says nothing of this declaration (found by the proof search).
        LeanMessage earlierSorry = new LeanMessage(closed.check().fileName(), 1, 0, LeanMessage.Severity.WARNING, "",
                "declaration 'an_earlier_exercise' uses sorry");
        assertEquals(Verdict.CLOSES_GOAL, classify(closed, with(closed.check().messages(), earlierSorry), baselineOf(closed))
                .verdict());
        assertEquals(Verdict.TIMEOUT, classify(closed, with(closed.check().messages(), new LeanMessage(closed.check().fileName(),
                closed.variant().endLine(), 0, LeanMessage.Severity.ERROR, "", "(deterministic) timeout")),
                baselineOf(closed)).verdict());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("progressing")
    void callsItProgressOnlyWhenTheOneErrorIsTheUnsolvedGoalsAtTheEnd(Judged progress) {
        List<LeanMessage> messages = progress.check().messages();
        String file = progress.check().fileName();

        assertEquals(Verdict.PROGRESS, classify(progress, messages, baselineOf(progress)).verdict());
        assertEquals(Verdict.PROGRESS, classify(progress, with(messages, new LeanMessage(file, progress.variant().endLine() - 1, 2,
                LeanMessage.Severity.WARNING, "", "a warning")), baselineOf(progress)).verdict(), "warnings do not count");
        assertEquals(Verdict.INVALID, classify(progress, with(messages, error(file, progress.variant().endLine() - 1, "boom")),
                baselineOf(progress)).verdict(), "a second error");
        assertEquals(Verdict.INVALID, classify(progress, without(messages, progress.variant().checkLine()),
                baselineOf(progress)).verdict(), "this replay's answer lost");
    }

    @Test
    void excusesOnlyTheUsersOwnErrorsBeforeTheDeclarationWordForWord() {
        Judged honest = judged().stream().filter(judged -> judged.source().equals("verdicts")
                && judged.replay().candidate().equals("exact hp")).findFirst().orElseThrow();
        List<LeanMessage> messages = honest.check().messages();
        LeanMessage usersOwn = messages.stream().filter(message -> message.severity() == LeanMessage.Severity.ERROR)
                .findFirst().orElseThrow();

        ReplayClassifier.Classification unknown = classify(honest, messages, ReplayClassifier.Baseline.UNKNOWN);
        assertEquals(Verdict.INVALID, unknown.verdict());
        assertTrue(unknown.needsBaseline(), "the verdict hangs on the user's own errors");
        assertEquals(Verdict.CLOSES_GOAL, classify(honest, messages, baselineOf(honest)).verdict());
        LeanMessage reworded = new LeanMessage(usersOwn.fileName(), usersOwn.line(), usersOwn.column(), usersOwn.severity(),
                usersOwn.caption(), usersOwn.text() + " (changed)");
        List<LeanMessage> forged = new ArrayList<>(messages);
        forged.replaceAll(message -> message.equals(usersOwn) ? reworded : message);
        assertEquals(Verdict.INVALID, classify(honest, forged, baselineOf(honest)).verdict());
    }

    @Test
    void readsASeverityItDoesNotKnowAsAnError() {
        String line = "{\"msgs\":[{\"caption\":\"\",\"file_name\":\"/x.lean\",\"pos_col\":0,\"pos_line\":1,"
                + "\"severity\":\"fatal\",\"text\":\"?\"}],\"response\":\"all_messages\"}";

        LeanMessage message = ((AllMessages) ReplyParser.parse(line)).messages().get(0);

        assertEquals(LeanMessage.Severity.ERROR, message.severity());
    }

    @Test
    void readsLeansAxiomLists() {
        assertEquals(Optional.of(new ReplayClassifier.Axioms(Set.of(), false)), ReplayClassifier.parseAxioms("no axioms"));
        assertEquals(Optional.of(new ReplayClassifier.Axioms(Set.of(), true)), ReplayClassifier.parseAxioms("[sorry]\nno axioms"));
        assertEquals(Optional.of(new ReplayClassifier.Axioms(Set.of("classical.choice", "quot.sound", "propext"), false)),
                ReplayClassifier.parseAxioms("classical.choice\nquot.sound\npropext\n"));
        assertEquals(Optional.empty(), ReplayClassifier.parseAxioms(""));
        assertEquals(Optional.empty(), ReplayClassifier.parseAxioms("no axioms\nno axioms\npropext"));
        assertEquals(Optional.empty(), ReplayClassifier.parseAxioms("propext : ∀ {a b : Prop}, (a ↔ b) → a = b"));
        assertEquals(Optional.of(Set.of("quot.sound", "user_axiom")), ReplayClassifier.parseEnvironmentAxioms(
                "quot.sound : ∀ {α : Sort u} {r : α → α → Prop} {a b : α},\n  r a b → quot.mk r a = quot.mk r b\nuser_axiom : true"));
        assertEquals(Optional.of(Set.of()), ReplayClassifier.parseEnvironmentAxioms("no axioms"));
        assertFalse(ReplayClassifier.parseEnvironmentAxioms("evil\nname : x").isPresent());
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static ReplayClassifier.Classification classify(Judged judged, List<LeanMessage> messages,
                                                            ReplayClassifier.Baseline baseline) {
        return ReplayClassifier.classify(judged.variant(), judged.check().fileName(), messages, baseline);
    }

    /**
     * The baseline the verifier would learn for a replay: the recorded check of the text before its
     * declaration (the recorder made one wherever a verdict hung on it), else Lean's three axioms.
     */
    private static ReplayClassifier.Baseline baselineOf(Judged judged) {
        String source = SnapshotAnchor.anchor(CheckedReplays.source(judged.source())).content();
        String[] lines = source.split("\n", -1);
        StringBuilder probe = new StringBuilder();
        for (int index = 0; index < judged.variant().declarationLine() - 1; index++) {
            probe.append(lines[index]).append('\n');
        }
        probe.append("#print axioms\n");
        return CheckedReplays.checks(RECORDINGS, judged.source()).stream()
                .filter(check -> check.content().equals(probe.toString())).findFirst()
                .map(check -> new ReplayClassifier.Baseline(true, check.messages().stream()
                        .filter(message -> message.line() == judged.variant().declarationLine()
                                && message.severity() == LeanMessage.Severity.INFORMATION)
                        .findFirst().flatMap(message -> ReplayClassifier.parseEnvironmentAxioms(message.text()))
                        .orElse(Set.of()),
                        check.messages().stream().filter(message -> message.severity() == LeanMessage.Severity.ERROR)
                                .map(ReplayClassifier::key).collect(java.util.stream.Collectors.toSet())))
                .orElse(new ReplayClassifier.Baseline(true, ReplayClassifier.STANDARD_AXIOMS, Set.of()));
    }

    private static LeanMessage answerAt(List<LeanMessage> messages, int line) {
        return messages.stream().filter(message -> message.line() == line && message.column() == 0).findFirst().orElseThrow();
    }

    private static List<LeanMessage> without(List<LeanMessage> messages, int line) {
        return messages.stream().filter(message -> !(message.line() == line && message.column() == 0)).toList();
    }

    private static List<LeanMessage> with(List<LeanMessage> messages, LeanMessage extra) {
        List<LeanMessage> changed = new ArrayList<>(messages);
        changed.add(extra);
        return changed;
    }

    private static List<LeanMessage> replaced(List<LeanMessage> messages, int line, String text) {
        return messages.stream().map(message -> message.line() == line && message.column() == 0
                ? new LeanMessage(message.fileName(), line, 0, message.severity(), message.caption(), text) : message).toList();
    }

    private static LeanMessage error(String file, int line, String text) {
        return new LeanMessage(file, line, 0, LeanMessage.Severity.ERROR, "", text);
    }

}
