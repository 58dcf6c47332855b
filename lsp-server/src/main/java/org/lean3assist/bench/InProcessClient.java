package org.lean3assist.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.lean3assist.lsp.Lean3AssistClient;
import org.lean3assist.lsp.Lean3AssistServer;
import org.lean3assist.lsp.ServerLauncher;

/**
 * A minimal LSP client wired to a server in the same JVM through NIO pipes, so a measurement
 * includes JSON-RPC framing and (de)serialisation on both sides, as with a real editor.
 */
final class InProcessClient implements Lean3AssistClient, AutoCloseable {

    final LanguageServer server;
    private final Map<String, PublishDiagnosticsParams> diagnostics = new ConcurrentHashMap<>();
    private final OutputStream toServer;
    private final ServerLauncher serverSide;

    InProcessClient(Lean3AssistServer languageServer) throws IOException {
        Pipe clientToServer = Pipe.open();
        Pipe serverToClient = Pipe.open();
        serverSide = ServerLauncher.start(languageServer, Channels.newInputStream(clientToServer.source()),
                Channels.newOutputStream(serverToClient.sink()));
        // An editor writes each message in one go, as LSP4J does over a buffered stream.
        toServer = new java.io.BufferedOutputStream(Channels.newOutputStream(clientToServer.sink()), 64 * 1024);
        var launcher = new LSPLauncher.Builder<LanguageServer>()
                .setLocalService(this)
                .setRemoteInterface(LanguageServer.class)
                .setInput(new java.io.BufferedInputStream(Channels.newInputStream(serverToClient.source())))
                .setOutput(toServer)
                .create();
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    /** Whether Lean's messages for {@code uri} have been published at least once. */
    boolean hasDiagnostics(String uri) {
        return diagnostics.containsKey(uri);
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.put(params.getUri(), params);
    }

    @Override
    public CompletableFuture<List<Object>> configuration(org.eclipse.lsp4j.ConfigurationParams params) {
        return CompletableFuture.completedFuture(List.of(new com.google.gson.JsonObject()));
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams params) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {}

    @Override
    public void close() throws Exception {
        toServer.close();
        serverSide.awaitExit();
    }
}
