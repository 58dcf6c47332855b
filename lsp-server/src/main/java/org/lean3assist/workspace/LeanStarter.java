package org.lean3assist.workspace;

import java.io.IOException;
import java.nio.file.Path;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.locate.LeanLocator;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.verify.ShadowFiles;
import org.lean3assist.bridge.verify.VariantLayout;

/**
 * How a project's Lean is started. The product finds a real Lean; tests start one that replays
 * recordings.
 */
public interface LeanStarter {

    /** Starts a Lean server whose working directory is {@code projectRoot}. */
    LeanServer start(Path projectRoot, LeanBridgeSettings settings) throws IOException, LeanNotFoundException;

    /** Where the verifier syncs its replays. */
    default ShadowFiles shadowFiles() {
        return ShadowFiles.perSlot();
    }

    /** What follows the candidate's declaration in a replay: nothing, live; the rest of the file for recordings. */
    default VariantLayout variantLayout() {
        return VariantLayout.DECLARATION_ONLY;
    }

    /** Finds Lean as the settings and the environment say (see {@link LeanLocator}) and runs it. */
    static LeanStarter located() {
        return (projectRoot, settings) -> {
            var lean = LeanLocator.forThisProcess().locate(settings.executablePath());
            return LeanServer.start(lean, projectRoot, settings);
        };
    }
}
