package org.lean3assist.lsp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A real LSP4J client connected to a real {@link Lean3AssistServer} through in-memory pipes: the
 * messages cross the same JSON-RPC framing an editor would use.
 */
public final class LspTestClient implements Lean3AssistClient, AutoCloseable {

    public final List<PublishDiagnosticsParams> diagnostics = new CopyOnWriteArrayList<>();
    final List<MessageParams> logMessages = new CopyOnWriteArrayList<>();
    final List<Integer> exitCodes = new CopyOnWriteArrayList<>();
    final List<Protocol.Status> statuses = new CopyOnWriteArrayList<>();
    /** The {@value Protocol#SUGGESTIONS} reports the server pushed, in the order they came. */
    final List<Protocol.SuggestionsReport> reports = new CopyOnWriteArrayList<>();
    /** The edits the server asked this client to apply, each applied. */
    final List<org.eclipse.lsp4j.ApplyWorkspaceEditParams> appliedEdits = new CopyOnWriteArrayList<>();
    /** What this client answers to workspace/configuration for the lean3Assist section. */
    volatile com.google.gson.JsonElement configuration = new com.google.gson.JsonObject();
    final Lean3AssistServer server;
    public final Lean3AssistLanguageServer remote;
    private final ServerLauncher serverSide;
    private final java.io.OutputStream clientToServer;
    /** The client's side of the stream, for writing bytes no well-behaved client would send. */
    final java.io.OutputStream rawOut;

    LspTestClient() throws IOException {
        this(org.lean3assist.engine.EngineParts.product());
    }

    LspTestClient(org.lean3assist.engine.EngineParts parts) throws IOException {
        // NIO pipes, not java.io piped streams: those fail with "Write end dead" once a thread that
        // wrote to them ends, and LSP4J writes from pool threads that come and go.
        var toServer = java.nio.channels.Pipe.open();
        var toClient = java.nio.channels.Pipe.open();
        var serverIn = java.nio.channels.Channels.newInputStream(toServer.source());
        clientToServer = java.nio.channels.Channels.newOutputStream(toServer.sink());
        var clientIn = java.nio.channels.Channels.newInputStream(toClient.source());
        var serverToClient = java.nio.channels.Channels.newOutputStream(toClient.sink());
        server = new Lean3AssistServer(exitCodes::add, parts);
        serverSide = ServerLauncher.start(server, serverIn, serverToClient);
        var clientLauncher = new LSPLauncher.Builder<Lean3AssistLanguageServer>()
                .setLocalService(this)
                .setRemoteInterface(Lean3AssistLanguageServer.class)
                .setInput(clientIn)
                .setOutput(clientToServer)
                .create();
        clientLauncher.startListening();
        remote = clientLauncher.getRemoteProxy();
        rawOut = clientToServer;
    }

    InitializeResult initialize() throws Exception {
        return initialize(new ClientCapabilities());
    }

    InitializeResult initialize(ClientCapabilities capabilities) throws Exception {
        var params = new InitializeParams();
        params.setCapabilities(capabilities);
        params.setProcessId((int) ProcessHandle.current().pid());
        return remote.initialize(params).get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<List<Object>> configuration(org.eclipse.lsp4j.ConfigurationParams params) {
        return CompletableFuture.completedFuture(List.of(configuration));
    }

    /** Waits until {@code condition} holds, failing after ten seconds; it never asserts on time. */
    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void status(Protocol.Status status) {
        statuses.add(status);
    }

    @Override
    public void suggestions(Protocol.SuggestionsReport report) {
        reports.add(report);
    }

    @Override
    public CompletableFuture<Void> createProgress(org.eclipse.lsp4j.WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(org.eclipse.lsp4j.ProgressParams params) {
        progress.add(params);
    }

    final List<org.eclipse.lsp4j.ProgressParams> progress = new CopyOnWriteArrayList<>();

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.add(params);
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.ApplyWorkspaceEditResponse> applyEdit(
            org.eclipse.lsp4j.ApplyWorkspaceEditParams params) {
        appliedEdits.add(params);
        return CompletableFuture.completedFuture(new org.eclipse.lsp4j.ApplyWorkspaceEditResponse(true));
    }

    @Override
    public void showMessage(MessageParams params) {
        logMessages.add(params);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
        logMessages.add(params);
    }

    @Override
    public void close() throws java.io.IOException, InterruptedException {
        clientToServer.close();
        serverSide.awaitExit();
    }
}
