package org.lean3assist.bridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.Verdict;

/** The 80 recorded replays, as test data. */
public final class RecordedReplays {

    public static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();

    private RecordedReplays() {
    }

    /** One recorded replay. */
    public record Replay(String source, JsonNode entry) {

        public LeanPosition position() {
            return new LeanPosition(entry.at("/position/line").asInt(), entry.at("/position/column").asInt());
        }

        public String candidate() {
            return entry.get("candidate").asText();
        }

        public Verdict verdict() {
            return Verdict.valueOf(entry.get("classification").asText().toUpperCase(Locale.ROOT));
        }

        public List<LeanMessage> messages() {
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

    /** The replays of one source, expanded with the given recordings' placeholders. */
    public static List<Replay> of(Recordings recordings, String source) {
        List<Replay> replays = new ArrayList<>();
        for (JsonNode entry : recordings.json("replays/" + source + ".json")) {
            replays.add(new Replay(source, entry));
        }
        return replays;
    }

    public static List<Replay> of(String source) {
        return of(RECORDINGS, source);
    }

    /** The replays of one source grouped by position, in recorded order. */
    public static Map<LeanPosition, List<Replay>> byPosition(Recordings recordings, String source) {
        Map<LeanPosition, List<Replay>> byPosition = new LinkedHashMap<>();
        for (Replay replay : of(recordings, source)) {
            byPosition.computeIfAbsent(replay.position(), position -> new ArrayList<>()).add(replay);
        }
        return byPosition;
    }

    public static Stream<Replay> all() {
        return Stream.concat(of("basics").stream(), of("multigoal").stream());
    }
}
