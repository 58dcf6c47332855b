package org.lean3assist.lsp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.lsp.settings.Setting;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.engine.suggest.MathModel;
import org.lean3assist.engine.suggest.SuggestionEngine;
import org.lean3assist.engine.LeanProject;
import org.lean3assist.engine.LeanProjects;

/**
 * What one editor session holds beyond a single request: the settings, the Lean projects, the model,
 * the suggestion engine, the worker threads, and the connection back to the client.
 */
final class ServerSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServerSession.class.getName());
    /** Candidates replayed per request at most; each replay re-checks the rest of the file. */
    static final int MAX_CANDIDATES = 16;

    /** The settings a loaded model depends on: a change to any of them loads it again. */
    private static final List<Setting<String>> MODEL_SETTINGS = List.of(
            Settings.MODEL_PATH, Settings.MODEL_DEVICE, Settings.MODEL_REMOTE_URL, Settings.MODEL_REMOTE_MODEL,
            Settings.MODEL_PROFILE);

    private final ExecutorService executor = Executors.newCachedThreadPool(ServerLauncher.daemonThreads("lean3-assist-work"));
    private final LeanProjects projects;
    private final ServerParts parts;
    private volatile Settings settings = Settings.defaults();
    private volatile Optional<MathModel> model = Optional.empty();
    private volatile SuggestionEngine engine;
    private volatile Lean3AssistClient client = NoClient.INSTANCE;
    private volatile Progress.Factory progress = Progress.NONE_FACTORY;
    private volatile String leanState = "starting";
    private volatile String modelState = "none";
    /** How the replays of the project last reported are confined; empty until a project has started. */
    private volatile Optional<CheckerPool.Confinement> replays = Optional.empty();
    private java.nio.file.Path scratch;

    ServerSession(ServerParts parts) {
        this.parts = parts;
        this.projects = new LeanProjects(parts.leanStarter(), bridgeSettings(settings));
        this.engine = newEngine();
    }

    /**
     * The bridge's settings for the server's settings; replay limits stay at the bridge's defaults.
     * The sandbox mode is one of the three the setting allows, so parsing it cannot fail.
     */
    static LeanBridgeSettings bridgeSettings(Settings settings) {
        var bridge = LeanBridgeSettings.defaults().withLimits(settings.get(Settings.LEAN_MEMORY_LIMIT_MB),
                settings.get(Settings.LEAN_TIMEOUT), settings.get(Settings.LEAN_THREADS))
                .withSandbox(SandboxMode.parse(settings.get(Settings.SANDBOX)));
        String executable = settings.get(Settings.LEAN_EXECUTABLE);
        return executable.isBlank() ? bridge : bridge.withExecutablePath(java.nio.file.Path.of(executable));
    }

    Settings settings() {
        return settings;
    }

    LeanProjects projects() {
        return projects;
    }

    SuggestionEngine engine() {
        return engine;
    }

    Optional<MathModel> model() {
        return model;
    }

    ExecutorService executor() {
        return executor;
    }

    Lean3AssistClient client() {
        return client;
    }

    Progress.Factory progress() {
        return progress;
    }

    void connect(Lean3AssistClient languageClient) {
        this.client = languageClient;
    }

    void enableProgress(boolean clientSupportsIt) {
        this.progress = clientSupportsIt ? Progress.over(client) : Progress.NONE_FACTORY;
    }

    /**
     * Takes new settings. Lean settings (limits, the executable, the sandbox mode) apply to projects
     * started from now on; running ones must be restarted, which the caller does off the reader
     * thread, since stopping Lean processes waits for them. A new model setting reloads the model in
     * the background, so the editor is never kept waiting on a multi-gigabyte load.
     *
     * @return whether running projects must be restarted (and open documents sent again)
     */
    boolean apply(Settings previous, Settings next) {
        this.settings = next;
        LeanBridgeSettings bridge = bridgeSettings(next);
        boolean restartNeeded = false;
        if (!bridge.equals(projects.settings())) {
            projects.updateSettings(bridge);
            restartNeeded = !projects.running().isEmpty();
        }
        boolean modelChanged = MODEL_SETTINGS.stream()
                .anyMatch(setting -> !previous.get(setting).equals(next.get(setting)));
        if (modelChanged || model.isEmpty()) {
            reloadModel();
        }
        return restartNeeded;
    }

    /**
     * The file that formalizations without a document are checked beside: one per session, so they
     * share one Lean instead of starting one each.
     */
    synchronized java.nio.file.Path scratchFile() {
        if (scratch == null) {
            try {
                scratch = java.nio.file.Files.createTempDirectory("lean3-assist-scratch").resolve("Scratch.lean");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create a scratch directory for formalization", e);
            }
        }
        return scratch;
    }

    private void reloadModel() {
        Settings current = settings;
        boolean wanted = !current.get(Settings.MODEL_PATH).isBlank() || !current.get(Settings.MODEL_REMOTE_URL).isBlank();
        if (!wanted) {
            swapModel(Optional.empty(), "none", null);
            return;
        }
        status(leanState, "loading", null);
        executor.execute(() -> {
            try {
                Optional<MathModel> loaded = parts.modelLoader().apply(current);
                swapModel(loaded, loaded.map(MathModel::status).orElse("none"), null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not load the model", e);
                swapModel(Optional.empty(), "error", e.getMessage());
                log(MessageType.Error, "Lean 3 Assist could not load the model: " + e.getMessage()
                        + ". Suggestions come from the built-in portfolio only.");
            }
        });
    }

    private synchronized void swapModel(Optional<MathModel> next, String state, String message) {
        Optional<MathModel> previous = model;
        model = next;
        engine = newEngine();
        previous.filter(old -> next.map(now -> now != old).orElse(true)).ifPresent(MathModel::close);
        status(leanState, state, message);
    }

    private SuggestionEngine newEngine() {
        return new SuggestionEngine(parts.candidateSources().apply(model), MAX_CANDIDATES, executor);
    }

    /** Tells the client Lean's state (the model's, and the replays' confinement, are kept). */
    void status(String lean, String message) {
        status(lean, modelState, message);
    }

    /**
     * Tells the client the state of a project's Lean, with how that project's replays are
     * confined: the status follows the project whose file was checked last.
     */
    void status(LeanProject project, String lean, String message) {
        replays = Optional.of(project.confinement());
        status(lean, modelState, message);
    }

    private void status(String lean, String modelNow, String message) {
        this.leanState = lean;
        this.modelState = modelNow;
        Optional<CheckerPool.Confinement> confinement = replays;
        client.status(new Protocol.Status(lean, modelNow, message,
                confinement.map(CheckerPool.Confinement::sandboxed).orElse(null),
                confinement.map(CheckerPool.Confinement::description).orElse(null)));
    }

    /** A message in the client's log (and the server's stderr). */
    void log(MessageType type, String message) {
        LOG.info(message);
        client.logMessage(new MessageParams(type, message));
    }

    @Override
    public void close() {
        projects.close();
        model.ifPresent(MathModel::close);
        executor.shutdownNow();
    }

    /** Stands in for the client until one connects, so nothing needs a null check. */
    private static final class NoClient {
        static final Lean3AssistClient INSTANCE = (Lean3AssistClient) java.lang.reflect.Proxy.newProxyInstance(
                Lean3AssistClient.class.getClassLoader(), new Class<?>[] {Lean3AssistClient.class},
                (proxy, method, args) -> method.getReturnType() == java.util.concurrent.CompletableFuture.class
                        ? java.util.concurrent.CompletableFuture.completedFuture(null) : null);
    }

}
