package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lean3assist.bridge.protocol.AllMessages;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.ReplyParser;
import org.lean3assist.bridge.testing.RecordedReplays;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.text.LeanPosition;

/** Variant building and classification against all 80 recorded replays. */
class VariantAndClassifierTest {

    static Stream<RecordedReplays.Replay> replays() {
        return RecordedReplays.all();
    }

    @Test
    void theCorpusHasEightyReplays() {
        assertEquals(80, replays().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void buildsTheVariantLeanChecked(RecordedReplays.Replay replay) {
        Variant variant = VariantBuilder.build(Recordings.source(replay.source()), replay.position(), replay.candidate(),
                VariantLayout.REST_OF_FILE);

        assertEquals(replay.entry().get("variant_content").asText(), variant.content());
        assertEquals(new LeanPosition(replay.entry().at("/info_after/line").asInt(), replay.entry().at("/info_after/column").asInt()),
                variant.afterCandidate());
        assertEquals(replay.entry().at("/decl_line_range/0").asInt(), variant.declarationLine());
        assertEquals(replay.entry().at("/decl_line_range/1").asInt(), variant.endLine());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void endsADeclarationOnlyVariantAtTheBlocksEnd(RecordedReplays.Replay replay) {
        String recorded = replay.entry().get("variant_content").asText();
        int endLine = replay.entry().at("/decl_line_range/1").asInt();
        String expected = String.join("\n", Arrays.asList(recorded.split("\n", -1)).subList(0, endLine)) + "\n";

        Variant variant = VariantBuilder.build(Recordings.source(replay.source()), replay.position(), replay.candidate(),
                VariantLayout.DECLARATION_ONLY);

        assertEquals(expected, variant.content());
        assertEquals(endLine, variant.endLine());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void classifiesTheRecordedMessagesAsLeansVerdict(RecordedReplays.Replay replay) {
        int first = replay.entry().at("/decl_line_range/0").asInt();
        int last = replay.entry().at("/decl_line_range/1").asInt();

        ReplayClassifier.Classification classification = ReplayClassifier.classify(replay.messages(), first, last);

        assertEquals(replay.verdict(), classification.verdict());
        if (replay.verdict() == Verdict.PROGRESS) {
            assertEquals(Optional.of(replay.entry().get("state_after").asText()),
                    classification.decisiveMessage().flatMap(ReplayClassifier::unsolvedState));
        }
    }

    @Test
    void classifiesTheRecordedDeterministicTimeoutAndMemoryLimitAsTimeout() {
        for (String transcript : List.of("faults/deterministic_timeout_T100000_M4096.jsonl", "faults/deterministic_timeout_T100000.jsonl")) {
            List<LeanMessage> last = lastAllMessages(transcript);

            ReplayClassifier.Classification classification = ReplayClassifier.classify(last, 1, 5);

            assertEquals(Verdict.TIMEOUT, classification.verdict(), transcript);
        }
    }

    private static List<LeanMessage> lastAllMessages(String transcript) {
        List<LeanMessage> last = List.of();
        for (var event : RecordedReplays.RECORDINGS.transcript(transcript)) {
            if ("all_messages".equals(event.path("msg").path("response").asText())) {
                last = ((AllMessages) org.lean3assist.bridge.protocol.ReplyParser
                        .parse(event.get("msg").toString())).messages();
            }
        }
        return last;
    }
}
