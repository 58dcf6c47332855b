package org.lean3assist.bridge.transport;

import java.io.IOException;

/**
 * A line-oriented connection to one Lean server process. Incoming lines, stderr lines and the
 * exit are reported to the {@link TransportListener} given to the {@link TransportFactory}.
 */
public interface Transport extends AutoCloseable {

    /**
     * Writes one line (a newline is appended).
     *
     * @throws IOException when the process is gone (Lean answers a write after its death with EPIPE)
     */
    void send(String line) throws IOException;

    /** Closes the process's stdin, which makes Lean exit on its own after a short while. */
    void closeInput();

    /** Kills the process at once; the listener still sees end of output and the exit. */
    void kill();

    /** Closes stdin, waits briefly for a clean exit, then kills. Idempotent. */
    @Override
    void close();
}
