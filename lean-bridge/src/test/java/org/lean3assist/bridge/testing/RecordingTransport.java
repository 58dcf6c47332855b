package org.lean3assist.bridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.LeanCommand;
import org.lean3assist.bridge.transport.ProcessTransport;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportFactory;
import org.lean3assist.bridge.transport.TransportListener;

/**
 * A real Lean whose every line, both ways, is written down in the shared corpus's transcript
 * format, with this machine's paths replaced by the corpus's placeholders, so that
 * {@link ScriptedTransport} can replay it in CI. For the recorders that make the project's own
 * recordings of real Lean 3.51.1 output.
 */
public final class RecordingTransport implements Transport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport real;
    private final List<String> events;
    private final long startedNanos;
    private final Map<String, String> placeholders;

    private RecordingTransport(Transport real, List<String> events, long startedNanos, Map<String, String> placeholders) {
        this.real = real;
        this.events = events;
        this.startedNanos = startedNanos;
        this.placeholders = placeholders;
    }

    /**
     * A factory that starts {@code command} and records into {@code events}.
     *
     * @param placeholders path → placeholder, applied in the map's order (longest paths first)
     */
    public static TransportFactory factory(LeanCommand command, List<String> events, Map<String, String> placeholders) {
        return listener -> {
            long started = System.nanoTime();
            List<String> log = Collections.synchronizedList(events);
            Recorder recorder = new Recorder(log, started, placeholders);
            ObjectNode spawn = JSON.createObjectNode();
            spawn.put("t_ms", 0.0);
            spawn.put("event", "spawn");
            spawn.set("argv", JSON.valueToTree(command.argv()));
            spawn.put("cwd", command.workingDirectory().toString());
            recorder.add(spawn);
            ProcessTransport process = ProcessTransport.start(command, new TransportListener() {
                @Override
                public void onLine(String line) {
                    recorder.event("recv", "msg", line);
                    listener.onLine(line);
                }

                @Override
                public void onStderr(String line) {
                    ObjectNode event = recorder.stamped();
                    event.put("dir", "stderr");
                    event.put("line", line);
                    recorder.add(event);
                    listener.onStderr(line);
                }

                @Override
                public void onExit(ExitStatus status) {
                    ObjectNode event = recorder.stamped();
                    event.put("event", "exit");
                    event.put("rc", status.signal().map(signal -> -signal).orElse(status.exitCode().orElse(0)));
                    recorder.add(event);
                    listener.onExit(status);
                }
            });
            return new RecordingTransport(process, log, started, placeholders);
        };
    }

    /** The usual placeholders of a recording made in {@code workspace} with the Lean under {@code leanHome}. */
    public static Map<String, String> placeholders(Path workspace, Path leanHome) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(leanHome.resolve("bin/../lib/lean/library").toString(), "${LEAN_LIBRARY}");
        map.put(leanHome.resolve("bin/../library").toString(), "${LEAN_LIBRARY}");
        map.put(leanHome.resolve("lib/lean/library").toString(), "${LEAN_LIBRARY}");
        map.put(leanHome.resolve("library").toString(), "${LEAN_LIBRARY}");
        map.put(leanHome.toString(), "${LEAN_HOME}");
        map.put(workspace.toString(), "${WORKSPACE}");
        return map;
    }

    /** Writes the events, one JSON object a line. */
    public static void write(List<String> events, Path file) {
        try {
            Files.createDirectories(file.getParent());
            List<String> copy;
            synchronized (events) {
                copy = new ArrayList<>(events);
            }
            Files.write(file, copy, StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    @Override
    public void send(String line) throws IOException {
        new Recorder(events, startedNanos, placeholders).event("send", "msg", line);
        real.send(line);
    }

    @Override
    public void closeInput() {
        note("closing stdin");
        real.closeInput();
    }

    /**
     * Kills the process. Noted as the end of the session (the corpus's "closing stdin" note), so
     * that a replay of the transcript does not die at the last request.
     */
    @Override
    public void kill() {
        note("closing stdin: the client killed the process");
        real.kill();
    }

    /** The recorder's annotation, as the corpus writes it. */
    private void note(String text) {
        Recorder recorder = new Recorder(events, startedNanos, placeholders);
        ObjectNode note = recorder.stamped();
        note.put("event", "note");
        note.put("text", text);
        recorder.add(note);
    }

    @Override
    public void close() {
        real.close();
    }

    private record Recorder(List<String> events, long startedNanos, Map<String, String> placeholders) {

        ObjectNode stamped() {
            ObjectNode event = JSON.createObjectNode();
            event.put("t_ms", Math.round((System.nanoTime() - startedNanos) / 100_000.0) / 10.0);
            return event;
        }

        void event(String direction, String key, String line) {
            ObjectNode event = stamped();
            event.put("dir", direction);
            try {
                event.set(key, JSON.readTree(line));
            } catch (IOException notJson) {
                event.put("_raw", line);
            }
            add(event);
        }

        void add(JsonNode event) {
            String text = event.toString();
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                text = text.replace(placeholder.getKey(), placeholder.getValue());
            }
            events.add(text);
        }
    }
}
