package org.lean3assist.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import org.lean3assist.lsp.Lean3AssistServer;
import org.lean3assist.lsp.ServerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lean3-assist lsp}: the language server on stdio, or on a loopback socket. */
@Command(
        name = "lsp",
        mixinStandardHelpOptions = true,
        description = "Run the language server over stdio (the default) or a loopback TCP socket.")
final class LspCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(LspCommand.class.getName());

    @Option(
            names = "--socket",
            paramLabel = "PORT",
            description = "Listen on 127.0.0.1:PORT for one client instead of using stdio (0 picks a free port).")
    Integer socketPort;

    @Option(names = "--stdio", description = "Use stdin/stdout (the default; accepted for editors that pass it).")
    boolean stdio;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerLogging.configure();
        if (socketPort != null) {
            return serveSocket(socketPort);
        }
        // stdout carries protocol only: anything else printing to System.out would corrupt the stream.
        var protocolOut = System.out;
        System.setOut(System.err);
        var server = new Lean3AssistServer(Main::exitAfterFlush);
        return ServerLauncher.start(server, System.in, protocolOut).awaitExit();
    }

    private int serveSocket(int port) throws IOException, InterruptedException {
        try (var listener = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // Editors that start the server themselves read this line to learn the port.
            System.err.println("lean3-assist: listening on 127.0.0.1:" + listener.getLocalPort());
            try (Socket socket = listener.accept()) {
                LOG.info(() -> "client connected from " + socket.getRemoteSocketAddress());
                // Requests and answers are small and latency-bound; Nagle's algorithm only delays them.
                socket.setTcpNoDelay(true);
                var server = new Lean3AssistServer(Main::exitAfterFlush);
                return ServerLauncher.start(server, socket.getInputStream(), socket.getOutputStream())
                        .awaitExit();
            }
        }
    }
}
