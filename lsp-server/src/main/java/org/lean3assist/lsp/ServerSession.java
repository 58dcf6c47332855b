package org.lean3assist.lsp;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.EngineParts;
import org.lean3assist.engine.LeanProject;
import org.lean3assist.engine.LeanStatus;
import org.lean3assist.engine.ModelConfig;
import org.lean3assist.engine.ModelStatus;
import org.lean3assist.lsp.settings.Setting;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.model.Device;

/**
 * What one editor session holds beyond a single request: the settings, the engine, and the
 * connection back to the client, with the {@code $/lean3Assist/status} it is sent.
 */
final class ServerSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServerSession.class.getName());

    /** The settings a loaded model depends on: a change to any of them loads it again. */
    private static final List<Setting<String>> MODEL_SETTINGS = List.of(
            Settings.MODEL_PATH, Settings.MODEL_DEVICE, Settings.MODEL_REMOTE_URL, Settings.MODEL_REMOTE_MODEL,
            Settings.MODEL_PROFILE);

    private final Engine engine;
    private volatile Settings settings = Settings.defaults();
    private volatile Lean3AssistClient client = NoClient.INSTANCE;
    private volatile Progress.Factory progress = Progress.NONE_FACTORY;
    private volatile LeanStatus leanState = LeanStatus.STARTING;
    private volatile ModelStatus modelState = ModelStatus.NONE;
    /** How the replays of the project last reported are confined; empty until a project has started. */
    private volatile Optional<CheckerPool.Confinement> replays = Optional.empty();

    ServerSession(EngineParts parts) {
        this.engine = new Engine(parts, bridgeSettings(settings));
    }

    /**
     * The bridge's settings for the server's settings; replay limits stay at the bridge's defaults.
     * The sandbox mode is one of the three the setting allows, so parsing it cannot fail.
     */
    static LeanBridgeSettings bridgeSettings(Settings settings) {
        var bridge = LeanBridgeSettings.defaults().withLimits(settings.get(Settings.LEAN_MEMORY_LIMIT_MB),
                settings.get(Settings.LEAN_TIMEOUT), settings.get(Settings.LEAN_THREADS))
                .withSandbox(SandboxMode.parse(settings.get(Settings.SANDBOX)));
        int checkers = Math.min(settings.get(Settings.LEAN_CHECKERS), Settings.MAX_CHECKERS);
        bridge = bridge.withReplay(checkers, bridge.replayTimeout());
        String executable = settings.get(Settings.LEAN_EXECUTABLE);
        return executable.isBlank() ? bridge : bridge.withExecutablePath(Path.of(executable));
    }

    /** The model the {@code lean3Assist.model.*} settings name. */
    static ModelConfig modelConfig(Settings settings) {
        String path = settings.get(Settings.MODEL_PATH);
        String remote = settings.get(Settings.MODEL_REMOTE_URL);
        return new ModelConfig(path.isBlank() ? Optional.empty() : Optional.of(Path.of(path)),
                Device.parse(settings.get(Settings.MODEL_DEVICE)),
                remote.isBlank() ? Optional.empty() : Optional.of(URI.create(remote)),
                settings.get(Settings.MODEL_REMOTE_MODEL), settings.get(Settings.MODEL_PROFILE));
    }

    Settings settings() {
        return settings;
    }

    Engine engine() {
        return engine;
    }

    ExecutorService executor() {
        return engine.executor();
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
        boolean restartNeeded = engine.updateSettings(bridgeSettings(next));
        boolean modelChanged = MODEL_SETTINGS.stream()
                .anyMatch(setting -> !previous.get(setting).equals(next.get(setting)));
        if (modelChanged || engine.model().isEmpty()) {
            reloadModel();
        }
        return restartNeeded;
    }

    private void reloadModel() {
        ModelConfig config = modelConfig(settings);
        if (!config.wanted()) {
            engine.loadModel(config);
            status(leanState, ModelStatus.NONE, null);
            return;
        }
        status(leanState, ModelStatus.LOADING, null);
        engine.executor().execute(() -> {
            try {
                status(leanState, engine.loadModel(config), null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not load the model", e);
                status(leanState, ModelStatus.ERROR, e.getMessage());
                log(MessageType.Error, "Lean 3 Assist could not load the model: " + e.getMessage()
                        + ". Suggestions come from the built-in portfolio only.");
            }
        });
    }

    /** Tells the client Lean's state (the model's, and the replays' confinement, are kept). */
    void status(LeanStatus lean, String message) {
        status(lean, modelState, message);
    }

    /**
     * Tells the client the state of a project's Lean, with how that project's replays are
     * confined: the status follows the project whose file was checked last.
     */
    void status(LeanProject project, LeanStatus lean, String message) {
        replays = Optional.of(project.confinement());
        status(lean, modelState, message);
    }

    private void status(LeanStatus lean, ModelStatus modelNow, String message) {
        this.leanState = lean;
        this.modelState = modelNow;
        Optional<CheckerPool.Confinement> confinement = replays;
        client.status(new Protocol.Status(lean.wire(), modelNow.wire(), message,
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
        engine.close();
    }

    /** Stands in for the client until one connects, so nothing needs a null check. */
    private static final class NoClient {
        static final Lean3AssistClient INSTANCE = (Lean3AssistClient) java.lang.reflect.Proxy.newProxyInstance(
                Lean3AssistClient.class.getClassLoader(), new Class<?>[] {Lean3AssistClient.class},
                (proxy, method, args) -> method.getReturnType() == java.util.concurrent.CompletableFuture.class
                        ? java.util.concurrent.CompletableFuture.completedFuture(null) : null);
    }
}
