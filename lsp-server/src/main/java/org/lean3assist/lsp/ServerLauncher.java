package org.lean3assist.lsp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;

/** Connects a {@link Lean3AssistServer} to a pair of streams and runs it until the client goes away. */
public final class ServerLauncher {

    private static final Logger LOG = Logger.getLogger(ServerLauncher.class.getName());
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Future<Void> listening;
    private final ExecutorService executor;
    private final Lean3AssistServer server;

    private ServerLauncher(Lean3AssistServer server, Future<Void> listening, ExecutorService executor) {
        this.server = server;
        this.listening = listening;
        this.executor = executor;
    }

    /** Starts reading requests from {@code in} on a background thread and answering on {@code out}. */
    public static ServerLauncher start(Lean3AssistServer server, InputStream in, OutputStream out) {
        // Request handlers run on this pool, never on the reader thread, so a slow request cannot
        // stop the server from reading a cancellation or the next keystroke.
        ExecutorService executor = Executors.newCachedThreadPool(org.lean3assist.engine.Engine.daemonThreads("lean3-assist-lsp"));
        Launcher<Lean3AssistClient> launcher = new LSPLauncher.Builder<Lean3AssistClient>()
                .setLocalService(server)
                .setRemoteInterface(Lean3AssistClient.class)
                // LSP4J reads the headers a byte at a time, and writes a message as a header and a
                // body and then flushes: buffered on both sides, a message costs one read and one
                // write on the pipe or socket instead of one per header byte and two per message.
                .setInput(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER_BYTES))
                .setOutput(new BufferedOutputStream(out, BUFFER_BYTES))
                .setExecutorService(executor)
                .create();
        server.connect(launcher.getRemoteProxy());
        return new ServerLauncher(server, launcher.startListening(), executor);
    }

    /**
     * Blocks until the input stream ends or the client sends {@code exit}, and returns the exit code
     * LSP prescribes: 0 after {@code shutdown}, 1 otherwise.
     */
    public int awaitExit() throws InterruptedException {
        try {
            CompletableFuture.anyOf(CompletableFuture.runAsync(this::awaitInputEnd, executor), server.exited())
                    .get();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "the protocol reader stopped with an error", e.getCause());
        } finally {
            server.close();
            executor.shutdownNow();
        }
        return server.exitCode();
    }

    private void awaitInputEnd() {
        try {
            listening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.FINE, "reader ended", e.getCause());
        }
    }

}
