package org.lean3assist.lsp;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.lean3assist.engine.EngineParts;
import org.lean3assist.engine.Version;
import org.lean3assist.lsp.settings.Settings;

/**
 * The LSP lifecycle: {@code initialize}, {@code shutdown}, {@code exit}, and the two services that do
 * the work. It owns the per-session state that outlives one request.
 */
public final class Lean3AssistServer implements Lean3AssistLanguageServer, LanguageClientAware, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Lean3AssistServer.class.getName());

    private final IntConsumer exitHandler;
    private final ServerSession session;
    private final LeanTextDocumentService textDocumentService;
    private final ServerCommands commands;
    private final LeanWorkspaceService workspaceService;
    private final AtomicReference<Settings> settings = new AtomicReference<>(Settings.defaults());
    private volatile boolean clientHasConfiguration;
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private volatile boolean settingsApplied;
    private final java.util.concurrent.atomic.AtomicBoolean exiting = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean shutdownRequested;
    private volatile Lean3AssistClient client;

    /**
     * A server that finds a real Lean and loads the model the settings name.
     *
     * @param exitHandler called with the exit code when the client sends {@code exit} or the editor's
     *     process dies; the command line passes {@code System::exit}, tests pass a recorder
     */
    public Lean3AssistServer(IntConsumer exitHandler) {
        this(exitHandler, EngineParts.product());
    }

    /** A server with its Lean, model and candidate sources supplied, as the tests and the benchmarks do. */
    public Lean3AssistServer(IntConsumer exitHandler, EngineParts parts) {
        this.exitHandler = exitHandler;
        this.session = new ServerSession(parts);
        this.textDocumentService = new LeanTextDocumentService(session);
        this.commands = new ServerCommands(session, textDocumentService);
        this.workspaceService = new LeanWorkspaceService(this::reloadSettings, commands);
    }

    @Override
    public void connect(LanguageClient languageClient) {
        this.client = (Lean3AssistClient) languageClient;
        session.connect(client);
    }

    /** The goal at a position as plain text and Markdown, for clients that draw their own goal view. */
    @Override
    public CompletableFuture<Protocol.PlainGoal> plainGoal(TextDocumentPositionParams params) {
        return commands.plainGoal(params);
    }

    @Override
    public CompletableFuture<Protocol.FollowResult> follow(Protocol.FollowParams params) {
        return textDocumentService.follow(params);
    }

    @Override
    public CompletableFuture<Protocol.StopSearchResult> stopSearch(Protocol.StopSearchParams params) {
        return textDocumentService.stopSearch(params);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        var windowCapabilities = params.getCapabilities() == null ? null : params.getCapabilities().getWindow();
        session.enableProgress(windowCapabilities != null && Boolean.TRUE.equals(windowCapabilities.getWorkDoneProgress()));
        var workspaceCapabilities = params.getCapabilities() == null ? null : params.getCapabilities().getWorkspace();
        clientHasConfiguration = workspaceCapabilities != null && Boolean.TRUE.equals(workspaceCapabilities.getConfiguration());
        if (params.getInitializationOptions() instanceof JsonElement options) {
            // Clients without workspace/configuration (some Neovim and Emacs set-ups) send settings here.
            applySettings(Settings.fromJson(options));
        }
        Integer parentPid = params.getProcessId();
        if (parentPid != null) {
            ParentProcessWatcher.watch(parentPid, () -> exit(1));
        }
        var result = new InitializeResult(Capabilities.advertised(), new ServerInfo("lean3-assist", Version.current()));
        LOG.info(() -> "initialized for " + clientName(params));
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public void initialized(InitializedParams params) {
        reloadSettings(null);
    }

    /** The settings in force now. */
    public Settings settings() {
        return settings.get();
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exit(shutdownRequested ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocumentService;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspaceService;
    }

    /** Completes when the session has ended, by {@code exit} or by the editor's death. */
    public CompletableFuture<Void> exited() {
        return exited;
    }

    /** The exit code LSP prescribes: 0 if {@code shutdown} came before the end, 1 otherwise. */
    public int exitCode() {
        return shutdownRequested ? 0 : 1;
    }

    /** Releases what the session holds; safe to call more than once. */
    @Override
    public void close() {
        textDocumentService.close();
        session.close();
    }

    private void exit(int code) {
        if (exiting.compareAndSet(false, true)) {
            close();
            exitHandler.accept(code);
            exited.complete(null);
        }
    }

    /**
     * Takes new settings: those pushed with {@code didChangeConfiguration}, or, when the client
     * supports it, those pulled with {@code workspace/configuration} (pushed ones may be partial).
     */
    private void reloadSettings(JsonElement pushed) {
        if (clientHasConfiguration && client != null) {
            var item = new ConfigurationItem();
            item.setSection(Settings.NAMESPACE);
            client.configuration(new ConfigurationParams(List.of(item)))
                    .thenAccept(sections -> applySettings(Settings.fromJson(sections.isEmpty() ? null : (JsonElement) sections.get(0))))
                    .exceptionally(error -> {
                        LOG.log(Level.WARNING, "the client did not answer workspace/configuration", error);
                        return null;
                    });
        } else if (pushed != null) {
            applySettings(Settings.fromJson(pushed));
        }
    }

    private void applySettings(Settings next) {
        Settings previous = settings.getAndSet(next);
        if (!next.problems().isEmpty() && client != null) {
            client.showMessage(new MessageParams(MessageType.Warning,
                    "Lean 3 Assist ignored some settings: " + String.join("; ", next.problems())));
        }
        if (!previous.equals(next) || !settingsApplied) {
            settingsApplied = true;
            LOG.info(() -> "settings now " + next);
            boolean restartNeeded = session.apply(previous, next);
            session.engine().forgetSuggestions();
            if (restartNeeded) {
                // Off the reader thread: stopping the old Lean processes waits for them, and sending
                // the documents again starts the new ones.
                session.executor().execute(textDocumentService::restartProjects);
            }
        }
    }

    private static String clientName(InitializeParams params) {
        var info = params.getClientInfo();
        return info == null ? "an unnamed client" : info.getName() + " " + info.getVersion();
    }

    /** The engine this server converts for, for benchmarks that measure against it and the bridge. */
    public org.lean3assist.engine.Engine engine() {
        return session.engine();
    }

    /** The document service, for tests that await Lean's checking. */
    LeanTextDocumentService documents() {
        return textDocumentService;
    }
}
