package org.lean3assist.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
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
 * A real LSP4J client connected to a real {@link Lean3AssistServer} through piped streams: the
 * messages cross the same JSON-RPC framing an editor would use.
 */
final class LspTestClient implements LanguageClient, AutoCloseable {

    final List<PublishDiagnosticsParams> diagnostics = new CopyOnWriteArrayList<>();
    final List<MessageParams> logMessages = new CopyOnWriteArrayList<>();
    final List<Integer> exitCodes = new CopyOnWriteArrayList<>();
    final Lean3AssistServer server;
    final LanguageServer remote;
    private final ServerLauncher serverSide;
    private final PipedOutputStream clientToServer;

    LspTestClient() throws IOException {
        var serverIn = new PipedInputStream(1 << 16);
        clientToServer = new PipedOutputStream(serverIn);
        var clientIn = new PipedInputStream(1 << 16);
        var serverToClient = new PipedOutputStream(clientIn);
        server = new Lean3AssistServer(exitCodes::add);
        serverSide = ServerLauncher.start(server, serverIn, serverToClient);
        var clientLauncher = LSPLauncher.createClientLauncher(this, clientIn, clientToServer);
        clientLauncher.startListening();
        remote = clientLauncher.getRemoteProxy();
    }

    InitializeResult initialize() throws Exception {
        var params = new InitializeParams();
        params.setCapabilities(new ClientCapabilities());
        params.setProcessId((int) ProcessHandle.current().pid());
        return remote.initialize(params).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.add(params);
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
