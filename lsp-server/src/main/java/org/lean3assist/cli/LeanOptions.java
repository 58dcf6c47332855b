package org.lean3assist.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.sandbox.SandboxMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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

    @Option(names = "--sandbox", paramLabel = "auto|required|off", defaultValue = "auto",
            converter = SandboxModeConverter.class,
            description = "Confine the Lean processes that replay tactics and check statements in bubblewrap: "
                    + "auto (where it works, else unconfined, and the output says so), required (refuse to replay "
                    + "without it) or off (default ${DEFAULT-VALUE}).")
    SandboxMode sandbox;

    @Option(names = "--checkers", paramLabel = "N", defaultValue = "2",
            description = "Checker Lean processes that replay tactics and check statements apart from the Lean that "
                    + "checks the file, 1 to 8 (default ${DEFAULT-VALUE}).")
    int checkers;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    LeanBridgeSettings bridgeSettings() {
        if (checkers < 1 || checkers > 8) {
            throw new IllegalArgumentException("--checkers must be 1 to 8, not " + checkers);
        }
        var defaults = LeanBridgeSettings.defaults();
        var settings = defaults.withLimits(memoryLimitMb, deterministicTimeout, 0).withSandbox(sandbox)
                .withReplay(checkers, defaults.replayTimeout());
        return lean == null ? settings : settings.withExecutablePath(lean);
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

    /**
     * {@code --sandbox}: exactly one of the modes' setting values, as the editor setting takes them;
     * anything else is a usage error rather than a guess.
     */
    static final class SandboxModeConverter implements ITypeConverter<SandboxMode> {
        @Override
        public SandboxMode convert(String value) {
            return Arrays.stream(SandboxMode.values())
                    .filter(mode -> mode.settingValue().equals(value))
                    .findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a sandbox mode: use "
                            + String.join(", ", Arrays.stream(SandboxMode.values()).map(SandboxMode::settingValue).toList())));
        }
    }
}
