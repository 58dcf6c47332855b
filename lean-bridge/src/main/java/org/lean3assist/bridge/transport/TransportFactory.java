package org.lean3assist.bridge.transport;

import java.io.IOException;

/** Starts a fresh Lean server; called once per generation (start, and after every crash). */
@FunctionalInterface
public interface TransportFactory {

    Transport start(TransportListener listener) throws IOException;
}
