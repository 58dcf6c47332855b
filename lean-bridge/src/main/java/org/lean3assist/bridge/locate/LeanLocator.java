package org.lean3assist.bridge.locate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Lean 3, trying in order: the explicit path from the settings, {@code $LEAN3_HOME/bin/lean},
 * every {@code lean} on {@code PATH}, and elan's Lean 3 toolchains
 * ({@code ~/.elan/toolchains/*lean*3.*}, newest name first). A candidate is accepted only when
 * {@code lean --version} prints {@code Lean (version 3.}; a Lean 4 is refused with that reason.
 */
public final class LeanLocator {

    private static final String LEAN3_VERSION_PREFIX = "Lean (version 3.";
    private static final long VERSION_TIMEOUT_SECONDS = 20;

    private final Map<String, String> environment;
    private final Path homeDirectory;

    /** A locator over this process's environment and home directory. */
    public static LeanLocator forThisProcess() {
        return new LeanLocator(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** A locator over a given environment (tests use fake ones). */
    public LeanLocator(Map<String, String> environment, Path homeDirectory) {
        this.environment = Map.copyOf(environment);
        this.homeDirectory = homeDirectory;
    }

    /**
     * Finds a Lean 3.
     *
     * @param explicitPath the user's setting, tried first and alone when present
     * @throws LeanNotFoundException listing every place tried and why it failed
     */
    public LeanInstallation locate(Optional<Path> explicitPath) throws LeanNotFoundException {
        List<String> attempts = new ArrayList<>();
        if (explicitPath.isPresent()) {
            // An explicit setting that does not work is an error to report, not a reason to
            // silently run some other Lean.
            Optional<LeanInstallation> found = probe(explicitPath.get(), "the executablePath setting", attempts);
            if (found.isPresent()) {
                return found.get();
            }
            throw new LeanNotFoundException(attempts);
        }
        String leanHome = environment.get("LEAN3_HOME");
        if (leanHome == null || leanHome.isBlank()) {
            attempts.add("LEAN3_HOME: not set");
        } else {
            Optional<LeanInstallation> found = probe(Path.of(leanHome, "bin", executableName()), "LEAN3_HOME", attempts);
            if (found.isPresent()) {
                return found.get();
            }
        }
        String path = environment.getOrDefault("PATH", "");
        boolean anyOnPath = false;
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, executableName());
            if (Files.exists(candidate)) {
                anyOnPath = true;
                Optional<LeanInstallation> found = probe(candidate, "PATH", attempts);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        if (!anyOnPath) {
            attempts.add("PATH: no '" + executableName() + "' in any directory of PATH");
        }
        Path toolchains = homeDirectory.resolve(".elan").resolve("toolchains");
        List<Path> lean3Toolchains = lean3Toolchains(toolchains);
        if (lean3Toolchains.isEmpty()) {
            attempts.add("elan: no Lean 3 toolchain in " + toolchains);
        }
        for (Path toolchain : lean3Toolchains) {
            Optional<LeanInstallation> found = probe(toolchain.resolve("bin").resolve(executableName()),
                    "elan toolchain " + toolchain.getFileName(), attempts);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new LeanNotFoundException(attempts);
    }

    /**
     * Runs {@code lean --version} and accepts a Lean 3; records the reason in {@code attempts}
     * otherwise.
     */
    public static Optional<LeanInstallation> probe(Path executable, String place, List<String> attempts) {
        if (!Files.isRegularFile(executable)) {
            attempts.add(place + ": " + executable + " does not exist");
            return Optional.empty();
        }
        if (!Files.isExecutable(executable)) {
            attempts.add(place + ": " + executable + " is not executable");
            return Optional.empty();
        }
        String output;
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] bytes;
            try (InputStream stdout = process.getInputStream()) {
                bytes = stdout.readNBytes(4096);
            }
            if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                attempts.add(place + ": " + executable + " --version did not finish in " + VERSION_TIMEOUT_SECONDS + " s");
                return Optional.empty();
            }
            output = new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException failed) {
            attempts.add(place + ": " + executable + " could not be run: " + failed.getMessage());
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            attempts.add(place + ": interrupted while running " + executable + " --version");
            return Optional.empty();
        }
        String firstLine = output.lines().findFirst().orElse("");
        if (!firstLine.startsWith(LEAN3_VERSION_PREFIX)) {
            attempts.add(place + ": " + executable + " is not Lean 3 (--version printed '" + firstLine + "')");
            return Optional.empty();
        }
        return Optional.of(new LeanInstallation(executable, firstLine, place));
    }

    private static List<Path> lean3Toolchains(Path toolchains) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(toolchains)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(toolchains)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // elan names Lean 3 toolchains like leanprover-community--lean---3.51.1.
                if (name.contains("lean") && name.matches(".*[-:]3\\.\\d+.*")) {
                    found.add(entry);
                }
            }
        } catch (IOException unreadable) {
            return found;
        }
        found.sort(Comparator.comparing((Path entry) -> entry.getFileName().toString()).reversed());
        return found;
    }

    private static String executableName() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "lean.exe" : "lean";
    }
}
