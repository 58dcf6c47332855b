package org.lean3assist.engine;

import java.io.IOException;
import java.nio.file.Path;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.locate.LeanInstallation;
import org.lean3assist.bridge.locate.LeanLocator;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.verify.CheckerPool;

/**
 * How a project's Leans are started: the editing Lean, which checks the user's buffers, and the
 * checkers, which replay model-written text apart from it. The product finds a real Lean; tests
 * start ones that replay recordings.
 */
public interface LeanStarter {

    /** Starts the editing Lean server, whose working directory is {@code projectRoot}. */
    LeanServer start(Path projectRoot, LeanBridgeSettings settings) throws IOException, LeanNotFoundException;

    /**
     * The project's checker pool. Its Leans start on first use, so a project whose suggestions are
     * never asked for costs no checker process.
     */
    CheckerPool checkers(Path projectRoot, LeanBridgeSettings settings) throws IOException, LeanNotFoundException;

    /**
     * Finds Lean as the settings and the environment say (see {@link LeanLocator}) and runs it; the
     * checkers run the same Lean, confined as the settings' sandbox mode says.
     */
    static LeanStarter located() {
        return new LeanStarter() {
            @Override
            public LeanServer start(Path projectRoot, LeanBridgeSettings settings) throws IOException, LeanNotFoundException {
                return LeanServer.start(locate(settings), projectRoot, settings);
            }

            @Override
            public CheckerPool checkers(Path projectRoot, LeanBridgeSettings settings)
                    throws IOException, LeanNotFoundException {
                return CheckerPool.forProject(locate(settings), projectRoot, settings);
            }

            private LeanInstallation locate(LeanBridgeSettings settings) throws LeanNotFoundException {
                return LeanLocator.forThisProcess().locate(settings.executablePath());
            }
        };
    }
}
