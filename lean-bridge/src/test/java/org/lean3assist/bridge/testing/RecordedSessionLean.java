package org.lean3assist.bridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportListener;
import org.lean3assist.bridge.verify.CheckerPool;

/**
 * A stand-in for a tactic session's Lean that answers from a recording of a real one
 * ({@code lean3/tactic-sessions/NAME.json}, made by {@code TacticSessionRecorder}): each answer is
 * kept under the path of tactics from the site that it answers, so the steps may come in any
 * order and the states are numbered as a session numbers them. A step that was not recorded is
 * answered with an error that names it, and counted in {@link #unrecorded()}. Steps can be made to
 * go unanswered ({@link #hangOn}) or to kill the Lean ({@link #dieOn}), for the watchdog and restarts.
 */
public final class RecordedSessionLean implements CheckerPool.SessionLauncher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKER = Pattern.compile("meta def marker : string := \"(lean3assist_session_[0-9a-f]{16})\"");

    private final JsonNode recording;
    private final Map<List<String>, JsonNode> answers = new HashMap<>();
    private final Set<String> hangOn = new HashSet<>();
    private final Set<String> dieOn = new HashSet<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> contents = new CopyOnWriteArrayList<>();
    private final List<List<String>> unrecorded = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();

    private RecordedSessionLean(JsonNode recording) {
        this.recording = recording;
        for (JsonNode step : recording.get("steps")) {
            List<String> path = new ArrayList<>();
            step.get("path").forEach(tactic -> path.add(tactic.asText()));
            answers.put(List.copyOf(path), step.get("answer"));
        }
    }

    /** The recording {@code lean3/tactic-sessions/NAME.json}. */
    public static RecordedSessionLean load(String name) {
        try {
            return new RecordedSessionLean(JSON.readTree(Recordings.raw("tactic-sessions/" + name + ".json")));
        } catch (IOException unreadable) {
            throw new IllegalStateException("unreadable session recording " + name, unreadable);
        }
    }

    /** The recorded source. */
    public String source() {
        return recording.get("source").asText();
    }

    /** The recorded site. */
    public LeanPosition site() {
        return new LeanPosition(recording.get("line").asInt(), recording.get("column").asInt());
    }

    /**
     * What a session file for the recorded site holds: the declaration's line after its name (the
     * session renames it), the block's lines up to the site, and the session's tactic at the site.
     */
    String siteText() {
        String[] lines = source().split("\n", -1);
        int siteLine = site().line() - 1;
        int declaration = siteLine;
        while (declaration > 0 && !lines[declaration].matches("(theorem|lemma|example|def)\\b.*")) {
            declaration--;
        }
        String[] words = lines[declaration].split(" ", 3);
        StringBuilder text = new StringBuilder(words.length == 3 ? " " + words[2] : lines[declaration]).append('\n');
        for (int line = declaration + 1; line < siteLine; line++) {
            text.append(lines[line]).append('\n');
        }
        String site = lines[siteLine];
        return text.append(site, 0, site.offsetByCodePoints(0, site().column())).append("lean3assist_session.run,").toString();
    }

    /** Steps running {@code tactic} get no answer, as from a Lean stuck in it. */
    public RecordedSessionLean hangOn(String tactic) {
        hangOn.add(tactic);
        return this;
    }

    /** Steps running {@code tactic} end the Lean, as a crash would. */
    public RecordedSessionLean dieOn(String tactic) {
        dieOn.add(tactic);
        return this;
    }

    /** Every request line written to any session, in order. */
    public List<String> requests() {
        return requests;
    }

    /** The files sessions were started on. */
    public List<String> contents() {
        return contents;
    }

    /** The paths asked for that the recording does not have. */
    public List<List<String>> unrecorded() {
        return unrecorded;
    }

    /** How many sessions were started. */
    public int started() {
        return started.get();
    }

    @Override
    public Transport start(String content, TransportListener listener) throws IOException {
        Matcher marker = MARKER.matcher(content);
        if (!marker.find()) {
            throw new IOException("no session marker in the file");
        }
        if (!content.contains(siteText())) {
            // As Lean would not be at the recorded site: no recording to answer from.
            throw new IOException("no recorded tactic session at this site");
        }
        started.incrementAndGet();
        contents.add(content);
        return new Session(marker.group(1), listener);
    }

    private final class Session implements Transport {
        private final String marker;
        private final TransportListener listener;
        private final ExecutorService out = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "recorded-session");
            thread.setDaemon(true);
            return thread;
        });
        private final Map<Integer, List<String>> paths = new HashMap<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        private int next = 1;

        Session(String marker, TransportListener listener) {
            this.marker = marker;
            this.listener = listener;
            paths.put(0, List.of());
            say("lean3assist: some other line Lean prints");
            answer(recording.get("start"));
        }

        @Override
        public synchronized void send(String line) throws IOException {
            if (ended.get()) {
                throw new IOException("Broken pipe");
            }
            requests.add(line);
            JsonNode request = JSON.readTree(line);
            String tactic = request.get("tactic").asText();
            List<String> from = paths.get(request.get("state").asInt());
            if (from == null) {
                answer(JSON.createObjectNode().put("error", "no such state"));
                return;
            }
            if (hangOn.contains(tactic)) {
                return;
            }
            if (dieOn.contains(tactic)) {
                kill();
                return;
            }
            List<String> path = new ArrayList<>(from);
            path.add(tactic);
            JsonNode recorded = answers.get(path);
            if (recorded == null) {
                unrecorded.add(List.copyOf(path));
                answer(JSON.createObjectNode().put("error", "not recorded: " + path));
                return;
            }
            if (recorded.has("state")) {
                ObjectNode numbered = recorded.deepCopy();
                numbered.put("state", next);
                paths.put(next++, List.copyOf(path));
                answer(numbered);
            } else {
                answer(recorded);
            }
        }

        private void answer(JsonNode answer) {
            say(marker + " " + answer);
        }

        private void say(String line) {
            out.execute(() -> {
                if (!ended.get()) {
                    listener.onLine(line);
                }
            });
        }

        @Override
        public void closeInput() {
            kill();
        }

        @Override
        public void kill() {
            if (ended.compareAndSet(false, true)) {
                out.execute(() -> listener.onExit(ExitStatus.killedBy(9)));
                out.shutdown();
            }
        }

        @Override
        public void close() {
            kill();
        }
    }
}
