package org.lean3assist.bridge.testing;

import java.io.IOException;
import org.lean3assist.bridge.transport.Transport;

/**
 * A transport that passes everything on to another one; tests override what they change (a send
 * held back, a gate), and the rest stays the recorded Lean's.
 */
public class ForwardingTransport implements Transport {

    protected final Transport inner;

    public ForwardingTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public void send(String line) throws IOException {
        inner.send(line);
    }

    @Override
    public void closeInput() {
        inner.closeInput();
    }

    @Override
    public void kill() {
        inner.kill();
    }

    @Override
    public void close() {
        inner.close();
    }
}
