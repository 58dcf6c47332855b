package org.lean3assist.bridge.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lean3assist.bridge.sandbox.BubblewrapCommand.Shape;
import org.lean3assist.bridge.sandbox.BubblewrapCommand.Tools;
import org.lean3assist.bridge.sandbox.Sandbox.Availability;

/**
 * Finds out whether the sandbox works here: finds bubblewrap and the util-linux and coreutils
 * programs the command line needs, then runs {@code true} through the very command line real runs
 * get, limits included. The machine's facts (its OS, its {@code PATH}, whether this process is
 * root) come in through the constructor, so tests can probe a machine without bubblewrap.
 */
final class SandboxProbe {

    /** What the probe found: whether the sandbox works, and the command builder when it does. */
    record Outcome(Availability availability, Optional<BubblewrapCommand> command) {

        static Outcome unavailable(String why) {
            return new Outcome(new Availability(false, why), Optional.empty());
        }
    }

    /** Long enough for a loaded machine to start a sandbox, short enough not to stall a server's start. */
    private static final long TRIAL_TIMEOUT_SECONDS = 20;

    private final String osName;
    private final String searchPath;
    private final boolean callerIsRoot;

    SandboxProbe(String osName, String searchPath, boolean callerIsRoot) {
        this.osName = osName;
        this.searchPath = searchPath;
        this.callerIsRoot = callerIsRoot;
    }

    /** A probe of the machine this JVM runs on. */
    static Outcome probeThisProcess() {
        String osName = System.getProperty("os.name", "unknown");
        if (!osName.startsWith("Linux")) {
            return unavailableOn(osName);
        }
        boolean callerIsRoot;
        try {
            // /proc/self belongs to the process's effective uid; Java has no other way to ask.
            callerIsRoot = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException unknown) {
            return Outcome.unavailable("cannot tell whether this process is root: " + unknown);
        }
        return new SandboxProbe(osName, System.getenv().getOrDefault("PATH", ""), callerIsRoot).probe();
    }

    Outcome probe() {
        if (!osName.startsWith("Linux")) {
            return unavailableOn(osName);
        }
        Optional<Path> bwrap = onPath("bwrap");
        if (bwrap.isEmpty()) {
            return Outcome.unavailable("bubblewrap not found on PATH");
        }
        Optional<Path> env = onPath("env");
        Optional<Path> prlimit = onPath("prlimit");
        Optional<Path> setpriv = onPath("setpriv");
        Optional<Path> unshare = onPath("unshare");
        Optional<Path> trueProgram = onPath("true");
        if (env.isEmpty() || trueProgram.isEmpty()) {
            return Outcome.unavailable("env or true (coreutils) not found on PATH");
        }
        if (prlimit.isEmpty()) {
            return Outcome.unavailable("prlimit (util-linux) not found on PATH");
        }
        if (callerIsRoot && (setpriv.isEmpty() || unshare.isEmpty())) {
            return Outcome.unavailable("setpriv or unshare (util-linux), which a sandbox started by root needs, not found on PATH");
        }
        Path scratch = null;
        try {
            RunResult version = run(List.of(bwrap.get().toString(), "--version"));
            if (version.exitCode() != 0 || version.output().isBlank()) {
                return Outcome.unavailable(bwrap.get() + " --version failed: " + version.describeFailure());
            }
            Tools tools = new Tools(bwrap.get(), env.get(), prlimit.get(), setpriv.orElse(null), unshare.orElse(null));
            BubblewrapCommand command = new BubblewrapCommand(tools,
                    callerIsRoot ? Shape.ROOT_CALLER : Shape.UNPRIVILEGED_CALLER, firstLine(version.output()));
            scratch = Files.createTempDirectory("lean3assist-sandbox-probe-");
            SandboxSpec trialSpec = SandboxSpec.forLean(List.of(), scratch, scratch, 256);
            RunResult trial = run(command.wrap(List.of(trueProgram.get().toString()), trialSpec));
            if (trial.exitCode() != 0) {
                return Outcome.unavailable(trial.describeFailure());
            }
            return new Outcome(new Availability(true, command.bubblewrapVersion() + " at " + bwrap.get()), Optional.of(command));
        } catch (IOException | RuntimeException failed) {
            return Outcome.unavailable("the trial run of bubblewrap failed: " + failed.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Outcome.unavailable("interrupted while trying bubblewrap");
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static Outcome unavailableOn(String osName) {
        return Outcome.unavailable("bubblewrap exists only on Linux, and this is " + osName);
    }

    private Optional<Path> onPath(String program) {
        return Stream.of(searchPath.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, program))
                .filter(candidate -> candidate.isAbsolute() && Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    private record RunResult(int exitCode, String output) {

        String describeFailure() {
            String said = firstLine(output);
            return said.isEmpty() ? "exit status " + exitCode : said;
        }
    }

    /** Runs a short command, reading its output from a file so that a hang cannot block the read. */
    private static RunResult run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("lean3assist-sandbox-probe-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TRIAL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new RunResult(-1, "no answer within " + TRIAL_TIMEOUT_SECONDS + " s from " + command.get(0));
            }
            return new RunResult(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Directories.deleteTree(directory);
        } catch (IOException ignored) {
            // A leftover empty directory in the system's temporary directory harms nothing.
        }
    }
}
