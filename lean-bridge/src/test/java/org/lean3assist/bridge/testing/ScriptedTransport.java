package org.lean3assist.bridge.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportFactory;
import org.lean3assist.bridge.transport.TransportListener;

/**
 * A Lean that replays a recorded transcript. Every answer it gives is a line Lean wrote when the
 * transcript was recorded; nothing is made up.
 *
 * <p>For each request written, it finds the recorded {@code send} it stands for (same command,
 * file name, line, column and content; {@code seq_num}s are mapped) and emits the lines Lean
 * wrote after that send, up to the next one, including a recorded end of output and exit (the
 * kill faults). Requests are expected in recorded order, with two allowances that keep tests
 * free to ask differently than the recorder did:
 * <ul>
 * <li>an {@code info} may come in any order: it is looked up by file, line, column and the
 *     content last synced for that file, and only its reply is emitted;</li>
 * <li>a {@code sync} may skip recorded exchanges (a candidate refused before Lean is never
 *     synced): the next recorded sync of the same file and content is used, or, when there is
 *     none ahead, the first one anywhere (checks asked for in another order than recorded, like
 *     a verifier's baseline of the text before a declaration, asked by whichever replay needs it
 *     first); the script goes on from there.</li>
 * </ul>
 * A request that matches nothing is a test failure: it is listed in {@link #mismatches()} and
 * the write fails.
 */
public final class ScriptedTransport implements Transport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Script script;
    private final TransportListener listener;
    private final double timeScale;
    private final ScheduledExecutorService delivery;
    private final Map<Long, Long> liveSeqByRecordedSeq = new HashMap<>();
    private final Map<String, String> lastContentByFile = new HashMap<>();
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean dead = new AtomicBoolean();
    private final AtomicBoolean killed = new AtomicBoolean();
    private int cursor;
    private int skippedExchanges;

    /** A parsed transcript: the sends, each with the events that followed it. */
    public static final class Script {
        private final String name;
        private final List<JsonNode> preamble = new ArrayList<>();
        private final List<Exchange> exchanges = new ArrayList<>();
        /** What followed the recorder's closing of stdin: emitted by {@link #closeInput()}. */
        private final List<JsonNode> afterStdinClosed = new ArrayList<>();
        private final JsonNode finalExit;

        public Script(String name, List<JsonNode> events) {
            this.name = name;
            JsonNode exit = null;
            Exchange currentExchange = null;
            boolean stdinClosed = false;
            Map<String, String> contentByFile = new HashMap<>();
            // A send that failed with EPIPE after the recorded process died is not an exchange:
            // the events after it (the exit) still belong to the request before it.
            for (JsonNode event : events) {
                if (event.path("text").asText().startsWith("closing stdin")) {
                    stdinClosed = true;
                }
                if (stdinClosed) {
                    afterStdinClosed.add(event);
                } else if ("send".equals(event.path("dir").asText()) && !event.has("write_error")) {
                    JsonNode message = event.get("msg");
                    String content = null;
                    if (message != null && "sync".equals(message.path("command").asText())) {
                        contentByFile.put(message.path("file_name").asText(), message.path("content").asText());
                    }
                    if (message != null) {
                        content = contentByFile.get(message.path("file_name").asText());
                    }
                    currentExchange = new Exchange(event, content);
                    exchanges.add(currentExchange);
                } else {
                    if ("exit".equals(event.path("event").asText())) {
                        exit = event;
                    }
                    (currentExchange == null ? preamble : currentExchange.after).add(event);
                }
            }
            this.finalExit = exit;
        }

        public String name() {
            return name;
        }
    }

    private static final class Exchange {
        private final JsonNode send;
        /** The content of the request's file as last synced before this send (for info keys). */
        private final String fileContent;
        private final List<JsonNode> after = new ArrayList<>();

        Exchange(JsonNode send, String fileContent) {
            this.send = send;
            this.fileContent = fileContent;
        }

        JsonNode message() {
            return send.get("msg");
        }
    }

    private ScriptedTransport(Script script, TransportListener listener, double timeScale) {
        this.script = script;
        this.listener = listener;
        this.timeScale = timeScale;
        this.delivery = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scripted-lean-" + script.name);
            thread.setDaemon(true);
            return thread;
        });
        emit(script.preamble, firstTime(script.preamble));
    }

    /** A factory that hands out one script per generation, in order, with compressed timing. */
    public static Factory factory(Script... scripts) {
        return new Factory(List.of(scripts), 0);
    }

    /**
     * A factory whose transports keep the recorded delays between a request and the lines after
     * it, multiplied by {@code timeScale}.
     */
    public static Factory pacedFactory(double timeScale, Script... scripts) {
        return new Factory(List.of(scripts), timeScale);
    }

    /** Hands out scripted transports, one script per start; keeps them for inspection. */
    public static final class Factory implements TransportFactory {
        private final Iterator<Script> scripts;
        private final double timeScale;
        private final List<ScriptedTransport> started = Collections.synchronizedList(new ArrayList<>());

        Factory(List<Script> scripts, double timeScale) {
            this.scripts = scripts.iterator();
            this.timeScale = timeScale;
        }

        @Override
        public synchronized Transport start(TransportListener listener) throws IOException {
            if (!scripts.hasNext()) {
                throw new IOException("no more recorded Lean sessions to start");
            }
            ScriptedTransport transport = new ScriptedTransport(scripts.next(), listener, timeScale);
            started.add(transport);
            return transport;
        }

        public List<ScriptedTransport> started() {
            return List.copyOf(started);
        }

        /** Every mismatch of every transport started. */
        public List<String> mismatches() {
            List<String> all = new ArrayList<>();
            started.forEach(transport -> all.addAll(transport.mismatches()));
            return all;
        }
    }

    @Override
    public synchronized void send(String line) throws IOException {
        if (dead.get()) {
            throw new IOException("Broken pipe (the recorded Lean has exited)");
        }
        written.add(line);
        JsonNode request = JSON.readTree(line);
        String command = request.path("command").asText();
        String file = request.path("file_name").asText(null);
        if (command.equals("sync") && file != null) {
            lastContentByFile.put(file, request.path("content").asText());
        }
        int found = findInOrder(request, command);
        if (found < 0 && command.equals("sync")) {
            found = findAnywhere(request);
        }
        if (found >= 0) {
            skippedExchanges += Math.abs(found - cursor);
            Exchange exchange = script.exchanges.get(found);
            cursor = found + 1;
            mapSeq(exchange, request);
            emit(exchange.after, exchange.send.path("t_ms").asDouble());
            return;
        }
        if (command.equals("info")) {
            Exchange recorded = findInfo(request, file);
            if (recorded != null) {
                mapSeq(recorded, request);
                long recordedSeq = recorded.message().path("seq_num").asLong();
                List<JsonNode> reply = recorded.after.stream()
                        .filter(event -> event.path("msg").path("seq_num").asLong(-1) == recordedSeq)
                        .toList();
                emit(reply, recorded.send.path("t_ms").asDouble());
                return;
            }
        }
        String mismatch = script.name + ": no recorded request matches " + shorten(line)
                + (cursor < script.exchanges.size() ? " (next recorded: " + shorten(script.exchanges.get(cursor).send.toString()) + ")" : "");
        mismatches.add(mismatch);
        throw new IOException(mismatch);
    }

    @Override
    public synchronized void closeInput() {
        if (dead.get()) {
            return;
        }
        if (script.afterStdinClosed.stream().anyMatch(event -> "exit".equals(event.path("event").asText()))) {
            emit(script.afterStdinClosed, firstTime(script.afterStdinClosed));
        } else {
            dead.set(true);
            int code = script.finalExit == null ? 0 : script.finalExit.path("rc").asInt(0);
            delivery.execute(() -> listener.onExit(code < 0 ? ExitStatus.killedBy(-code) : ExitStatus.exited(code)));
        }
    }

    /** Simulates SIGKILL: no further line, then the exit by signal 9. */
    @Override
    public synchronized void kill() {
        if (dead.compareAndSet(false, true)) {
            killed.set(true);
            delivery.execute(() -> listener.onExit(ExitStatus.killedBy(9)));
            delivery.shutdown();
        }
    }

    @Override
    public void close() {
        closeInput();
    }

    /**
     * Delivers a recorded line as if this transport's reader read it now, even after its process
     * died; fault tests use it to check that a replaced generation's output is dropped.
     */
    public void deliverLate(String recordedLine) {
        listener.onLine(recordedLine);
    }

    /** Every line written to this transport. */
    public List<String> written() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    public List<String> mismatches() {
        synchronized (mismatches) {
            return List.copyOf(mismatches);
        }
    }

    /** How many recorded exchanges were skipped to match a request. */
    public synchronized int skippedExchanges() {
        return skippedExchanges;
    }

    private int findInOrder(JsonNode request, String command) {
        for (int index = cursor; index < script.exchanges.size(); index++) {
            Exchange exchange = script.exchanges.get(index);
            if (matches(exchange, request)) {
                return index;
            }
            if (command.equals("info")) {
                // An info out of order is answered by key, without moving through the script.
                return -1;
            }
            String recordedCommand = exchange.message() == null ? "" : exchange.message().path("command").asText();
            // Recorded info requests may always be passed over; other requests only by a sync,
            // whose content makes the match unambiguous.
            boolean skippable = recordedCommand.equals("info") || command.equals("sync") && exchange.message() != null;
            if (!skippable) {
                return -1;
            }
        }
        return -1;
    }

    private int findAnywhere(JsonNode request) {
        for (int index = 0; index < script.exchanges.size(); index++) {
            if (matches(script.exchanges.get(index), request)) {
                return index;
            }
        }
        return -1;
    }

    private Exchange findInfo(JsonNode request, String file) {
        String content = lastContentByFile.get(file);
        for (Exchange exchange : script.exchanges) {
            if (matches(exchange, request) && Objects.equals(exchange.fileContent, content)) {
                return exchange;
            }
        }
        return null;
    }

    private static boolean matches(Exchange exchange, JsonNode request) {
        JsonNode recorded = exchange.message();
        if (recorded == null) {
            return false;
        }
        for (String key : List.of("command", "file_name", "line", "column", "content")) {
            if (!Objects.equals(recorded.get(key), request.get(key))) {
                return false;
            }
        }
        return true;
    }

    private void mapSeq(Exchange exchange, JsonNode request) {
        JsonNode recordedSeq = exchange.message().get("seq_num");
        JsonNode liveSeq = request.get("seq_num");
        if (recordedSeq != null && liveSeq != null) {
            liveSeqByRecordedSeq.put(recordedSeq.asLong(), liveSeq.asLong());
        }
    }

    private void emit(List<JsonNode> events, double sentAtMillis) {
        for (JsonNode event : events) {
            long delayMicros = Math.max(0, Math.round((event.path("t_ms").asDouble() - sentAtMillis) * timeScale * 1000));
            if ("recv".equals(event.path("dir").asText())) {
                String line = remapSeq(event.get("msg"));
                schedule(() -> {
                    if (!killed.get()) {
                        listener.onLine(line);
                    }
                }, delayMicros);
            } else if ("exit".equals(event.path("event").asText())) {
                dead.set(true);
                int rc = event.path("rc").asInt();
                ExitStatus status = rc < 0 ? ExitStatus.killedBy(-rc) : ExitStatus.exited(rc);
                schedule(() -> listener.onExit(status), delayMicros);
            } else if ("stderr".equals(event.path("dir").asText())) {
                String line = event.path("line").asText();
                schedule(() -> listener.onStderr(line), delayMicros);
            }
        }
    }

    private void schedule(Runnable action, long delayMicros) {
        if (!delivery.isShutdown()) {
            delivery.schedule(action, delayMicros, TimeUnit.MICROSECONDS);
        }
    }

    private String remapSeq(JsonNode message) {
        JsonNode seq = message.get("seq_num");
        if (seq == null || !seq.isIntegralNumber()) {
            return write(message);
        }
        Long live = liveSeqByRecordedSeq.get(seq.asLong());
        if (live == null) {
            return write(message);
        }
        ObjectNode copy = message.deepCopy();
        copy.put("seq_num", live);
        return write(copy);
    }

    private static String write(JsonNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String shorten(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    private static double firstTime(List<JsonNode> events) {
        return events.isEmpty() ? 0 : events.get(0).path("t_ms").asDouble();
    }
}
