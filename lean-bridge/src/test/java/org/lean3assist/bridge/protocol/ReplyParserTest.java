package org.lean3assist.bridge.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.testing.Recordings;

class ReplyParserTest {

    private static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sessions/basics.jsonl", "sessions/multigoal.jsonl", "sessions/unicode.jsonl",
            "sessions/errors.jsonl", "sessions/incomplete.jsonl", "replays/basics.jsonl", "replays/multigoal.jsonl",
            "faults/malformed_requests.jsonl", "faults/memory_limit_M64.jsonl",
            "faults/deterministic_timeout_T100000_M4096.jsonl", "faults/kill_after_sync_warm.jsonl"})
    void recognisesEveryLineLeanWrote(String transcript) {
        int lines = 0;
        for (JsonNode event : RECORDINGS.transcript(transcript)) {
            if ("recv".equals(event.path("dir").asText())) {
                LeanReply reply = ReplyParser.parse(event.get("msg").toString());
                assertFalse(reply instanceof LeanReply.Unrecognised, () -> "unrecognised: " + event);
                lines++;
            }
        }
        assertTrue(lines > 0);
    }

    @Test
    void readsErrorsWithoutSeqNumAsErrorsThatAnswerNothing() {
        LeanReply reply = ReplyParser.parse("{\"message\":\"parse error - unexpected 't'\",\"response\":\"error\"}");

        ErrorResponse error = assertInstanceOf(ErrorResponse.class, reply);
        assertTrue(error.seqNum().isEmpty());
        assertEquals("parse error - unexpected 't'", error.message());
    }

    @Test
    void toleratesLinesThatAreNotJsonObjects() {
        assertInstanceOf(LeanReply.Unrecognised.class, ReplyParser.parse("Lean says hello"));
        assertInstanceOf(LeanReply.Unrecognised.class, ReplyParser.parse("[1, 2, 3]"));
        assertInstanceOf(LeanReply.Unrecognised.class, ReplyParser.parse(""));
        assertInstanceOf(LeanReply.Unrecognised.class, ReplyParser.parse("{\"response\":\"ok\"}"));
    }

    @Test
    void decodesARecordedInfoRecordWithStateAndSource() {
        JsonNode reply = RECORDINGS.transcript("faults/deterministic_timeout_T100000_M4096.jsonl").stream()
                .filter(event -> event.path("msg").path("seq_num").asInt() == 6 && "recv".equals(event.path("dir").asText()))
                .findFirst().orElseThrow().get("msg");

        InfoResponse info = ReplyParser.info((LeanReply.Ok) ReplyParser.parse(reply.toString()));

        assertEquals(Optional.of("n : ℕ\n⊢ n + 0 = n"), info.state());
        InfoRecord record = info.record().orElseThrow();
        assertEquals(Optional.of("refl"), record.text());
        assertEquals(Optional.of("tactic unit"), record.type());
        assertTrue(record.source().orElseThrow().file().endsWith("init/meta/interactive.lean"));
    }

    @Test
    void decodesAllMessagesPerFile() {
        AllMessages messages = (AllMessages) ReplyParser.parse("{\"msgs\":[{\"caption\":\"\",\"file_name\":\"/w/a.lean\","
                + "\"pos_col\":0,\"pos_line\":5,\"severity\":\"error\",\"text\":\"(deterministic) timeout\"},"
                + "{\"caption\":\"\",\"file_name\":\"/w/b.lean\",\"pos_col\":2,\"pos_line\":1,\"severity\":\"warning\",\"text\":\"w\"}],"
                + "\"response\":\"all_messages\"}");

        assertEquals(List.of(new LeanMessage("/w/a.lean", 5, 0, LeanMessage.Severity.ERROR, "", "(deterministic) timeout")),
                messages.forFile("/w/a.lean"));
        assertEquals(LeanMessage.Severity.WARNING, messages.forFile("/w/b.lean").get(0).severity());
    }

    @Test
    void decodesACompletionReply() {
        // The corpus has no completion transcript; this line has the shape of Lean 3's
        // server.cpp reply to "complete" (prefix plus completions with text, type and doc).
        LeanReply.Ok reply = (LeanReply.Ok) ReplyParser.parse("{\"completions\":[{\"text\":\"nat.add_comm\","
                + "\"type\":\"∀ (n m : ℕ), n + m = m + n\"},{\"text\":\"nat.add_zero\",\"doc\":\"d\"}],"
                + "\"prefix\":\"nat.add_\",\"response\":\"ok\",\"seq_num\":4}");

        CompletionResponse completion = ReplyParser.completion(reply);

        assertEquals("nat.add_", completion.prefix());
        assertEquals(List.of(new CompletionResponse.Item("nat.add_comm", Optional.of("∀ (n m : ℕ), n + m = m + n"), Optional.empty()),
                new CompletionResponse.Item("nat.add_zero", Optional.empty(), Optional.of("d"))), completion.completions());
    }
}
