package org.lean3assist.bridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.protocol.AllMessages;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.ReplyParser;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.Verdict;

/**
 * The project's own recordings of checked replays ({@code lean3/checked/}): every candidate of the
 * shared corpus's replays, and of {@code verdicts.lean}'s attacks, replayed on a real Lean 3.51.1
 * checker with the variants of today's verifier (fresh name, {@code #check}, {@code #print axioms}),
 * made by {@code CheckedReplayRecorder}.
 */
public final class CheckedReplays {

    /** The sources with recorded checked replays. */
    public static final List<String> SOURCES = List.of("basics", "multigoal", "verdicts");

    private CheckedReplays() {
    }

    /** One candidate at one place, with the verdict Lean's evidence gives it. */
    public record Case(LeanPosition position, String candidate, Verdict verdict) {
        @Override
        public String toString() {
            return position + " " + candidate;
        }
    }

    public static String source(String name) {
        return name.equals("verdicts") ? Recordings.raw("checked/verdicts.lean") : Recordings.source(name);
    }

    /**
     * What a correct verifier says of each candidate: for the shared sources, the verdict the
     * corpus recorded from Lean's messages; for {@code verdicts.lean}, the verdict its table names.
     */
    public static List<Case> expected(String name) {
        List<Case> cases = new ArrayList<>();
        if (name.equals("verdicts")) {
            cases.addAll(table("checked/verdicts.candidates"));
        } else {
            for (RecordedReplays.Replay replay : RecordedReplays.of(name)) {
                cases.add(new Case(replay.position(), replay.candidate(), replay.verdict()));
            }
            if (name.equals("basics")) {
                // The proof the search finds where no single tactic closes the goal (SearchSessionRecorder).
                cases.addAll(table("checked/basics.extra"));
            }
        }
        return cases;
    }

    /** A table of candidates: LINE:COLUMN, a tab, the candidate, a tab, the verdict; {@code #} starts a comment. */
    private static List<Case> table(String relativePath) {
        List<Case> cases = new ArrayList<>();
        for (String line : Recordings.raw(relativePath).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            String[] place = fields[0].split(":");
            cases.add(new Case(new LeanPosition(Integer.parseInt(place[0]), Integer.parseInt(place[1])), fields[1],
                    Verdict.valueOf(fields[2])));
        }
        return cases;
    }

    /** The candidates of a source by position, in recorded order. */
    public static Map<LeanPosition, List<String>> candidatesByPosition(String name) {
        Map<LeanPosition, List<String>> byPosition = new LinkedHashMap<>();
        for (Case replay : expected(name)) {
            byPosition.computeIfAbsent(replay.position(), position -> new ArrayList<>()).add(replay.candidate());
        }
        return byPosition;
    }

    /** The recorded table row of a candidate: verdict, explanation, goals after. */
    public static JsonNode recorded(Recordings recordings, String name, LeanPosition position, String candidate) {
        for (JsonNode row : recordings.json("checked/" + name + ".json")) {
            if (row.get("line").asInt() == position.line() && row.get("column").asInt() == position.column()
                    && row.get("candidate").asText().equals(candidate)) {
                return row;
            }
        }
        throw new AssertionError("no recorded checked replay of " + candidate + " at " + position);
    }

    public static Verdict recordedVerdict(Recordings recordings, String name, LeanPosition position, String candidate) {
        return Verdict.valueOf(recorded(recordings, name, position, candidate).get("verdict").asText().toUpperCase(Locale.ROOT));
    }

    /** One recorded check: what was synced under which name, and every message the checker then held. */
    public record Check(String fileName, String content, List<LeanMessage> messages) {
    }

    /**
     * Every check of a recorded checker transcript, in order: each sync with content, and the
     * last {@code all_messages} list seen before the next sync (Lean sends one only when the list
     * changes, so a check may inherit the list before it).
     */
    public static List<Check> checks(Recordings recordings, String name) {
        List<Check> checks = new ArrayList<>();
        List<LeanMessage> latest = List.of();
        String fileName = null;
        String content = null;
        for (JsonNode event : recordings.transcript("checked/" + name + ".jsonl")) {
            JsonNode message = event.path("msg");
            if ("send".equals(event.path("dir").asText()) && "sync".equals(message.path("command").asText())) {
                if (content != null && !content.isEmpty()) {
                    checks.add(new Check(fileName, content, latest));
                }
                fileName = message.path("file_name").asText();
                content = message.path("content").asText();
            } else if ("recv".equals(event.path("dir").asText()) && "all_messages".equals(message.path("response").asText())) {
                latest = ((AllMessages) ReplyParser.parse(message.toString())).messages();
            }
        }
        if (content != null && !content.isEmpty()) {
            checks.add(new Check(fileName, content, latest));
        }
        return checks;
    }

    /** A pool of one checker whose Lean replays the recorded checker transcript of {@code name}, anew each start. */
    public static CheckerPool checkers(Recordings recordings, String name, double pace) {
        LeanBridgeSettings settings = LeanBridgeSettings.defaults().withTrailingMessagesWait(Duration.ofMillis(20))
                .withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10), 0);
        CheckerPool.Launcher launcher = slot -> LeanServer.start(pace > 0
                ? ScriptedTransport.pacedFactory(pace, recordings.script("checked/" + name + ".jsonl"))
                : ScriptedTransport.factory(recordings.script("checked/" + name + ".jsonl")), settings);
        CheckerPool.Confinement confinement = new CheckerPool.Confinement(false, "recorded checker");
        return name.equals("basics")
                // Tactic sessions at the one site of basics whose searches were recorded; elsewhere none starts.
                ? new CheckerPool(launcher, 1, confinement, RecordedSessionLean.load("basics-or-swap"))
                : new CheckerPool(launcher, 1, confinement);
    }
}
