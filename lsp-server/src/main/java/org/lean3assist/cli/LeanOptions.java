package org.lean3assist.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.workspace.LeanStarter;
import org.lean3assist.workspace.LeanProjects;
import picocli.CommandLine.Option;

/** The options every command that runs Lean shares, with the bridge's defaults. */
final class LeanOptions {

    @Option(names = "--lean", paramLabel = "PATH",
            description = "The Lean 3 executable (default: LEAN3_HOME, then lean on the PATH, then elan's toolchains).")
    Path lean;

    @Option(names = "--memory", paramLabel = "MB", defaultValue = "4096",
            description = "Lean's memory limit in MB (lean -M; default ${DEFAULT-VALUE}).")
    int memoryLimitMb;

    @Option(names = "--timeout", paramLabel = "N", defaultValue = "100000",
            description = "Lean's deterministic timeout (lean -T; default ${DEFAULT-VALUE}).")
    int deterministicTimeout;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    LeanBridgeSettings bridgeSettings() {
        var settings = LeanBridgeSettings.defaults().withLimits(memoryLimitMb, deterministicTimeout, 0);
        return lean == null ? settings : settings.withExecutablePath(lean);
    }

    LeanProjects projects() {
        return new LeanProjects(LeanStarter.located(), bridgeSettings());
    }

    /** The text of a source file, or a usage error that names it. */
    static String read(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such Lean file");
        }
        return Files.readString(file);
    }

    static Optional<Path> modelDirectory(Path option) {
        if (option != null) {
            return Optional.of(option);
        }
        String fromEnvironment = System.getenv("LEAN3ASSIST_MODEL_DIR");
        return fromEnvironment == null || fromEnvironment.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnvironment));
    }
}
