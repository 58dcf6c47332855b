package org.lean3assist.bridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportListener;
import org.lean3assist.bridge.verify.CheckerPool;

/**
 * Records what real tactic sessions answer, in the form {@link RecordedSessionLean} replays: a
 * launcher around a real one that keeps, for every step any of its sessions ran, the answer under
 * the path of tactics from the site. Steps of several sessions at the same site share one recording.
 */
public final class SessionRecording implements CheckerPool.SessionLauncher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CheckerPool.SessionLauncher real;
    private final Map<List<String>, JsonNode> answers = new LinkedHashMap<>();
    private JsonNode start;

    public SessionRecording(CheckerPool.SessionLauncher real) {
        this.real = real;
    }

    @Override
    public Transport start(String content, TransportListener listener) throws IOException {
        Map<Integer, List<String>> paths = new HashMap<>();
        paths.put(0, List.of());
        List<List<String>> asked = new ArrayList<>();
        Transport inner = real.start(content, new TransportListener() {
            @Override
            public void onLine(String line) {
                if (line.startsWith("lean3assist_session_")) {
                    try {
                        JsonNode answer = JSON.readTree(line.substring(line.indexOf(' ') + 1));
                        synchronized (SessionRecording.this) {
                            if (asked.isEmpty()) {
                                start = answer;
                            } else {
                                List<String> path = asked.remove(0);
                                answers.putIfAbsent(path, answer);
                                if (answer.has("state")) {
                                    paths.put(answer.get("state").asInt(), path);
                                }
                            }
                        }
                    } catch (IOException unreadable) {
                        throw new IllegalStateException(unreadable);
                    }
                }
                listener.onLine(line);
            }

            @Override
            public void onStderr(String line) {
                listener.onStderr(line);
            }

            @Override
            public void onExit(ExitStatus status) {
                listener.onExit(status);
            }
        });
        // The first answer is the start's; each later one answers the oldest request not yet answered.
        return new ForwardingTransport(inner) {
            @Override
            public void send(String line) throws IOException {
                JsonNode request = JSON.readTree(line);
                synchronized (SessionRecording.this) {
                    List<String> path = new ArrayList<>(paths.getOrDefault(request.get("state").asInt(), List.of()));
                    path.add(request.get("tactic").asText());
                    asked.add(List.copyOf(path));
                }
                inner.send(line);
            }
        };
    }

    /** Writes what was recorded for {@code source} at {@code site}, in the form {@code RecordedSessionLean} reads. */
    public synchronized void write(Path file, String source, LeanPosition site, String leanVersion) throws IOException {
        ObjectNode recording = JSON.createObjectNode();
        recording.put("source", source);
        recording.put("line", site.line());
        recording.put("column", site.column());
        recording.put("lean", leanVersion);
        recording.set("start", start);
        ArrayNode steps = recording.putArray("steps");
        answers.forEach((path, answer) -> {
            ObjectNode row = steps.addObject();
            path.forEach(row.putArray("path")::add);
            row.set("answer", answer);
        });
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(recording) + "\n");
    }
}
