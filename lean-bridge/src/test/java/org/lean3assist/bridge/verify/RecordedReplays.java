package org.lean3assist.bridge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.text.LeanPosition;

/** The 80 recorded replays, as test data. */
final class RecordedReplays {

    static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();

    private RecordedReplays() {
    }

    /** One recorded replay. */
    record Replay(String source, JsonNode entry) {

        LeanPosition position() {
            return new LeanPosition(entry.at("/position/line").asInt(), entry.at("/position/column").asInt());
        }

        String candidate() {
            return entry.get("candidate").asText();
        }

        Verdict verdict() {
            return Verdict.valueOf(entry.get("classification").asText().toUpperCase(Locale.ROOT));
        }

        List<LeanMessage> messages() {
            List<LeanMessage> messages = new ArrayList<>();
            for (JsonNode message : entry.get("messages")) {
                messages.add(new LeanMessage(message.get("file_name").asText(), message.get("pos_line").asInt(),
                        message.get("pos_col").asInt(), LeanMessage.Severity.fromLean(message.get("severity").asText()),
                        message.get("caption").asText(), message.get("text").asText()));
            }
            return messages;
        }

        @Override
        public String toString() {
            return source + " " + position() + " " + candidate();
        }
    }

    static List<Replay> of(String source) {
        List<Replay> replays = new ArrayList<>();
        for (JsonNode entry : RECORDINGS.json("replays/" + source + ".json")) {
            replays.add(new Replay(source, entry));
        }
        return replays;
    }

    static Stream<Replay> all() {
        return Stream.concat(of("basics").stream(), of("multigoal").stream());
    }
}
