package org.lean3assist.bridge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.goal.GoalParser;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.locate.LeanInstallation;
import org.lean3assist.bridge.locate.LeanLocator;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.locate.ProjectRoots;
import org.lean3assist.bridge.protocol.AllMessages;
import org.lean3assist.bridge.protocol.CompletionResponse;
import org.lean3assist.bridge.protocol.CurrentTasks;
import org.lean3assist.bridge.protocol.InfoResponse;
import org.lean3assist.bridge.protocol.LeanClient;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.LeanProcessException;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.LeanCommand;
import org.lean3assist.bridge.transport.ProcessTransport;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportFactory;
import org.lean3assist.bridge.transport.TransportListener;
import org.lean3assist.bridge.verify.ScreenedContent;

/**
 * The handle on one Lean server for one project root: it owns the process across crashes, keeps
 * the open documents in it, and answers goal, message and completion questions.
 *
 * <p>Every process is a numbered generation. When one dies, the requests waiting on it fail
 * with a {@link LeanProcessException} that says how it died, a new generation starts after a
 * backoff, and every open document is synced to it again; lines still arriving from an older
 * generation are dropped. Requests made while a restart is pending wait for it.
 */
public final class LeanServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeanServer.class.getName());

    private final TransportFactory transportFactory;
    private final LeanBridgeSettings settings;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong seqNumbers = new AtomicLong();
    private final List<LeanServerListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Map<Path, Document> documents = new LinkedHashMap<>();
    private final Map<Path, List<LeanMessage>> publishedMessages = new HashMap<>();

    private int generationNumber;
    private Generation current;
    private CompletableFuture<Generation> ready;
    private int consecutiveCrashes;
    private boolean closed;
    private volatile AllMessages latestMessages = AllMessages.EMPTY;

    private LeanServer(TransportFactory transportFactory, LeanBridgeSettings settings) {
        this.transportFactory = transportFactory;
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lean-server-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts {@code lean --server} with the settings' limits in {@code projectRoot}, so that a
     * leanpkg project's dependencies resolve.
     */
    public static LeanServer start(LeanInstallation lean, Path projectRoot, LeanBridgeSettings settings) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(lean.executable().toString());
        argv.addAll(settings.serverArguments());
        return start(ProcessTransport.factory(new LeanCommand(argv, projectRoot)), settings);
    }

    /**
     * Finds a Lean 3 (the settings' explicit path, else {@code LEAN3_HOME}, {@code PATH}, elan)
     * and starts it in the project root of {@code sourceFile} (nearest {@code leanpkg.toml}).
     */
    public static LeanServer startFor(Path sourceFile, LeanBridgeSettings settings)
            throws IOException, LeanNotFoundException {
        LeanInstallation lean = LeanLocator.forThisProcess().locate(settings.executablePath());
        return start(lean, ProjectRoots.rootOf(sourceFile), settings);
    }

    /** Starts a server on any transport; tests pass recorded transcripts here. */
    public static LeanServer start(TransportFactory transportFactory, LeanBridgeSettings settings) throws IOException {
        LeanServer server = new LeanServer(transportFactory, settings);
        synchronized (server.lock) {
            server.current = server.startGeneration();
            server.ready = CompletableFuture.completedFuture(server.current);
        }
        return server;
    }

    public void addListener(LeanServerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(LeanServerListener listener) {
        listeners.remove(listener);
    }

    public LeanBridgeSettings settings() {
        return settings;
    }

    /** The number of the running process: 1 for the first, one more after each restart. */
    public int generation() {
        synchronized (lock) {
            return generationNumber;
        }
    }

    // ---- documents -------------------------------------------------------------------------

    /** Starts tracking a document and sends its content to Lean; completes on Lean's reply. */
    public CompletableFuture<Void> openDocument(Path file, int version, String content) {
        synchronized (lock) {
            documents.put(file, new Document(version, content));
        }
        return withClient(client -> client.sync(file.toString(), content)).thenApply(reply -> null);
    }

    /** Replaces a document's content (full text); work on its older versions becomes stale. */
    public CompletableFuture<Void> changeDocument(Path file, int version, String content) {
        synchronized (lock) {
            documents.put(file, new Document(version, content));
        }
        for (LeanServerListener listener : listeners) {
            listener.onDocumentChanged(file, version);
        }
        return withClient(client -> client.sync(file.toString(), content)).thenApply(reply -> null);
    }

    /**
     * Stops tracking a document. Lean 3 has no close command, so the document is synced empty:
     * that ends any checking of it and drops its messages.
     */
    public CompletableFuture<Void> closeDocument(Path file) {
        boolean wasOpen;
        synchronized (lock) {
            wasOpen = documents.remove(file) != null;
            publishedMessages.remove(file);
        }
        if (!wasOpen) {
            return CompletableFuture.completedFuture(null);
        }
        for (LeanServerListener listener : listeners) {
            listener.onDocumentChanged(file, Integer.MAX_VALUE);
            listener.onMessages(file, List.of());
        }
        return withClient(client -> client.sync(file.toString(), "")).thenApply(reply -> null);
    }

    /** The version last given to {@link #openDocument} or {@link #changeDocument}, if the document is open. */
    public Optional<Integer> documentVersion(Path file) {
        synchronized (lock) {
            return Optional.ofNullable(documents.get(file)).map(Document::version);
        }
    }

    /** The open documents, in the order they were opened. */
    public List<Path> openDocuments() {
        synchronized (lock) {
            return List.copyOf(documents.keySet());
        }
    }

    /**
     * Completes when Lean has checked everything synced so far (and the trailing
     * {@code all_messages} had time to arrive), with the messages of {@code file}.
     */
    public CompletableFuture<List<LeanMessage>> waitUntilChecked(Path file) {
        return awaitChecked().thenApply(done -> messages(file));
    }

    /** The messages of a file from the last {@code all_messages} Lean sent, in Lean's order. */
    public List<LeanMessage> messages(Path file) {
        return latestMessages.forFile(file.toString());
    }

    /** The goal state at a Lean position, empty when Lean reports none there. */
    public CompletableFuture<Optional<GoalAtPosition>> goalAt(Path file, LeanPosition position) {
        return info(file.toString(), position).thenApply(reply -> reply.state().map(LeanServer::goalOf));
    }

    /** Lean's raw {@code info} reply at a position. */
    public CompletableFuture<InfoResponse> info(Path file, LeanPosition position) {
        return info(file.toString(), position);
    }

    /** Identifier completion at a position. */
    public CompletableFuture<CompletionResponse> complete(Path file, LeanPosition position) {
        return withClient(client -> client.complete(file.toString(), position));
    }

    // ---- lower level, used by the verifier for its shadow files ------------------------------

    /**
     * Sends content under a file name that is not an open document (a replay shadow). Its
     * messages are never published to listeners, and it is not re-synced after a restart. It
     * takes only {@link ScreenedContent}, which only the verifier's package makes, so no public
     * path sends an arbitrary string to a checker.
     */
    public CompletableFuture<Void> syncUntracked(String fileName, ScreenedContent content) {
        String text = content.text();
        return withClient(client -> client.sync(fileName, text)).thenApply(reply -> null);
    }

    /** {@code info} under any file name. */
    public CompletableFuture<InfoResponse> info(String fileName, LeanPosition position) {
        return withClient(client -> client.info(fileName, position));
    }

    /** Completes when everything synced so far is checked, plus the trailing wait. */
    public CompletableFuture<Void> awaitChecked() {
        Duration wait = settings.trailingMessagesWait();
        return withClient(LeanClient::barrier).thenCompose(done -> {
            CompletableFuture<Void> later = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS).execute(() -> later.complete(null));
            return later;
        });
    }

    /**
     * Completes when everything synced so far is checked, without the trailing wait: for a caller
     * that recognises the one message it waits for, and polls for it.
     */
    public CompletableFuture<Void> awaitBarrier() {
        return withClient(LeanClient::barrier).thenApply(done -> null);
    }

    /** Every message of every file, from the last {@code all_messages}, in Lean's order. */
    public List<LeanMessage> allMessages() {
        return latestMessages.messages();
    }

    /** The messages of any file name, from the last {@code all_messages}. */
    public List<LeanMessage> messages(String fileName) {
        return latestMessages.forFile(fileName);
    }

    /** Parses a state text, keeping the raw text when the parser does not know its shape. */
    public static GoalAtPosition goalOf(String rawState) {
        Optional<GoalState> parsed;
        try {
            parsed = Optional.of(GoalParser.parse(rawState));
        } catch (IllegalArgumentException unknownShape) {
            LOG.log(Level.WARNING, "could not parse a goal state from lean", unknownShape);
            parsed = Optional.empty();
        }
        return new GoalAtPosition(rawState, parsed);
    }

    /**
     * Kills the running process, as a crash would; a restart follows. Requests made from now on
     * wait for the new process rather than reach the dying one. For fault tests and for a
     * runaway check.
     */
    public void killProcess() {
        Generation running;
        synchronized (lock) {
            running = current;
            if (closed || running == null) {
                return;
            }
            if (ready.isDone()) {
                ready = new CompletableFuture<>();
            }
        }
        running.transport.kill();
    }

    /** Closes stdin, waits briefly for Lean to exit, and fails whatever is still pending. */
    @Override
    public void close() {
        Generation running;
        CompletableFuture<Generation> waiting;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = current;
            waiting = ready;
            ready = CompletableFuture.failedFuture(new LeanProcessException("the Lean server was shut down"));
        }
        // Requests waiting for a restart that will now never come are failed, not left hanging.
        waiting.completeExceptionally(new LeanProcessException("the Lean server was shut down"));
        scheduler.shutdownNow();
        if (running != null) {
            running.client.failAll(new LeanProcessException("the Lean server was shut down"));
            running.transport.close();
        }
    }

    // ---- generations -------------------------------------------------------------------------

    private <T> CompletableFuture<T> withClient(Function<LeanClient, CompletableFuture<T>> request) {
        CompletableFuture<Generation> readyNow;
        synchronized (lock) {
            readyNow = ready;
        }
        return readyNow.thenCompose(generation -> request.apply(generation.client));
    }

    /** Starts a process; the caller holds {@link #lock}. */
    private Generation startGeneration() throws IOException {
        int number = ++generationNumber;
        AtomicReference<Transport> transportRef = new AtomicReference<>();
        LeanClient client = new LeanClient(new DeferredTransport(transportRef), seqNumbers, new LeanClient.PushListener() {
            @Override
            public void onAllMessages(AllMessages messages) {
                handleAllMessages(messages);
            }

            @Override
            public void onCurrentTasks(CurrentTasks tasks) {
                for (LeanServerListener listener : listeners) {
                    listener.onTasks(tasks);
                }
            }
        });
        Transport transport = transportFactory.start(new TransportListener() {
            @Override
            public void onLine(String line) {
                if (isCurrent(number)) {
                    synchronized (lock) {
                        consecutiveCrashes = 0;
                    }
                    client.accept(line);
                } else {
                    LOG.fine(() -> "dropped a line from lean generation " + number + ", which was replaced: " + line);
                }
            }

            @Override
            public void onStderr(String line) {
                LOG.info(() -> "lean generation " + number + " stderr: " + line);
            }

            @Override
            public void onExit(ExitStatus status) {
                handleExit(number, client, status);
            }
        });
        transportRef.set(transport);
        return new Generation(number, transport, client);
    }

    private boolean isCurrent(int number) {
        synchronized (lock) {
            return !closed && number == generationNumber;
        }
    }

    private void handleAllMessages(AllMessages messages) {
        latestMessages = messages;
        Map<Path, List<LeanMessage>> changed = new LinkedHashMap<>();
        synchronized (lock) {
            for (Path file : documents.keySet()) {
                List<LeanMessage> forFile = messages.forFile(file.toString());
                if (!forFile.equals(publishedMessages.getOrDefault(file, List.of()))) {
                    publishedMessages.put(file, forFile);
                    changed.put(file, forFile);
                }
            }
        }
        changed.forEach((file, forFile) -> listeners.forEach(listener -> listener.onMessages(file, forFile)));
    }

    private void handleExit(int number, LeanClient client, ExitStatus status) {
        String reason = "Lean exited with " + status.describe();
        LeanProcessException cause = new LeanProcessException(reason);
        long delayMillis;
        // The readiness future is replaced before the pending requests fail, so that whoever
        // reacts to such a failure with a new request already waits for the next generation.
        synchronized (lock) {
            if (closed || number != generationNumber) {
                client.failAll(cause);
                return;
            }
            consecutiveCrashes++;
            // Requests may already wait on an unfinished readiness future (after killProcess);
            // it is kept so that they are answered by the next generation or by the give-up.
            CompletableFuture<Generation> nextReady = ready.isDone() ? new CompletableFuture<>() : ready;
            if (consecutiveCrashes > settings.maxConsecutiveRestarts()) {
                String giveUp = reason + "; it crashed " + consecutiveCrashes + " times in a row, so it is not restarted again";
                nextReady.completeExceptionally(new LeanProcessException(giveUp));
                ready = nextReady;
                client.failAll(cause);
                LOG.severe(giveUp);
                listeners.forEach(listener -> listener.onCrash(giveUp, false));
                return;
            }
            delayMillis = Math.min(settings.restartBackoff().toMillis() << Math.min(consecutiveCrashes - 1, 20),
                    settings.maxRestartBackoff().toMillis());
            ready = nextReady;
            latestMessages = AllMessages.EMPTY;
        }
        client.failAll(cause);
        LOG.warning(() -> reason + "; restarting in " + delayMillis + " ms");
        listeners.forEach(listener -> listener.onCrash(reason, true));
        scheduler.schedule(this::restart, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void restart() {
        Generation started;
        CompletableFuture<Generation> waiting;
        Map<Path, Document> toResync;
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                started = startGeneration();
            } catch (IOException startFailed) {
                LOG.log(Level.WARNING, "could not restart lean", startFailed);
                Generation failed = current;
                scheduler.execute(() -> handleExit(generationNumber, failed.client, ExitStatus.exited(-1)));
                return;
            }
            current = started;
            waiting = ready;
            ready = CompletableFuture.completedFuture(started);
            toResync = new LinkedHashMap<>(documents);
        }
        // The re-syncs are written before any waiting request, so Lean sees every document
        // before it is asked about one.
        toResync.forEach((file, document) -> started.client.sync(file.toString(), document.content())
                .exceptionally(failure -> {
                    LOG.log(Level.WARNING, "re-sync of " + file + " failed", failure);
                    return null;
                }));
        waiting.complete(started);
        LOG.info(() -> "lean restarted as generation " + started.number + "; re-synced " + toResync.size() + " documents");
        listeners.forEach(listener -> listener.onRestarted(started.number));
    }

    private record Document(int version, String content) {
    }

    private record Generation(int number, Transport transport, LeanClient client) {
    }

    /**
     * Lets the client exist before its transport does, so that no line read by a freshly
     * started transport can arrive before there is a client to take it.
     */
    private record DeferredTransport(AtomicReference<Transport> target) implements Transport {

        @Override
        public void send(String line) throws IOException {
            Transport transport = target.get();
            if (transport == null) {
                throw new IOException("the Lean process is still starting");
            }
            transport.send(line);
        }

        @Override
        public void closeInput() {
            Optional.ofNullable(target.get()).ifPresent(Transport::closeInput);
        }

        @Override
        public void kill() {
            Optional.ofNullable(target.get()).ifPresent(Transport::kill);
        }

        @Override
        public void close() {
            Optional.ofNullable(target.get()).ifPresent(Transport::close);
        }
    }
}
