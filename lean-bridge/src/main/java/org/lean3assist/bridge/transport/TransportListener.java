package org.lean3assist.bridge.transport;

/**
 * Receives what one transport reads. Calls come from the transport's own reader threads, in
 * the order the lines were read; {@link #onExit} comes once, after the last stdout line.
 */
public interface TransportListener {

    void onLine(String line);

    void onStderr(String line);

    void onExit(ExitStatus status);
}
