package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.sandbox.RealSandbox.ProgramRun;

/** A sandboxed program cannot reach a socket the machine listens on, not even on loopback. */
@EnabledIf(value = "org.lean3assist.bridge.sandbox.RealSandbox#available", disabledReason = "bubblewrap does not work here")
class SandboxNetworkTest {

    /** bash (Essential in Debian) opens TCP connections through its /dev/tcp paths; dash has none. */
    private static final String BASH = "/bin/bash";

    private static final String CONNECT = "exec 3<>/dev/tcp/127.0.0.1/$0 && echo connected";

    @TempDir
    Path scratch;

    @Test
    void cannotConnectToALoopbackListener() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1000);
            String port = String.valueOf(listener.getLocalPort());

            // The positive control: the very same program, unconfined, does connect.
            ProgramRun unconfined = RealSandbox.run(List.of(BASH, "-c", CONNECT, port), Map.of());
            assertEquals("connected\n", unconfined.stdout(), unconfined.transcript());
            try (Socket accepted = listener.accept()) {
                assertTrue(accepted.isConnected());
            }

            ProgramRun confined = RealSandbox.run(
                    RealSandbox.required().wrap(List.of(BASH, "-c", CONNECT, port), RealSandbox.roomySpec(List.of(), scratch)), Map.of());
            assertNotEquals(0, confined.exitCode(), confined.transcript());
            assertEquals("", confined.stdout(), confined.transcript());
            // A connection, had one been made, would wait in the listener's backlog even after the program ended.
            assertThrows(SocketTimeoutException.class, listener::accept);
        }
    }
}
