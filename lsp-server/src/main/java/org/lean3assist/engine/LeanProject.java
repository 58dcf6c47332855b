package org.lean3assist.engine;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.Verifier;

/**
 * One project root with its editing Lean (the user's buffers), its checkers (model-written text,
 * apart from the user's buffers) and the verifier that replays candidates on those checkers.
 */
public record LeanProject(Path root, LeanServer server, CheckerPool checkers, Verifier verifier) implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeanProject.class.getName());

    /** How the checkers are confined, for status displays and command output. */
    public CheckerPool.Confinement confinement() {
        return checkers.confinement();
    }

    /**
     * Readies the checkers for replays of {@code file}: they load its imports now, so the first
     * replay does not wait for them. Never blocks.
     */
    public void warmCheckers(Path file, String text) {
        checkers.warm(file.toString(), text).exceptionally(failed -> {
            // A checker that cannot start now is started (and warmed) by the first replay instead.
            LOG.log(Level.FINE, "could not warm the checkers of " + root + " for " + file, failed);
            return null;
        });
    }

    /** Stops the verifier first, so no replay starts on a checker that is going away. */
    @Override
    public void close() {
        verifier.close();
        checkers.close();
        server.close();
    }
}
