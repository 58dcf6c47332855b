package org.lean3assist.workspace;

import java.nio.file.Path;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.verify.Verifier;

/** One project root with its Lean server and the verifier that replays candidates on it. */
public record LeanProject(Path root, LeanServer server, Verifier verifier) implements AutoCloseable {

    @Override
    public void close() {
        verifier.close();
        server.close();
    }
}
