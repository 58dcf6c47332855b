package org.lean3assist.bridge.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * The real sandbox of this machine for the confinement tests, and the means to run programs and
 * look for processes. When bubblewrap does not work here, the gated tests are skipped and the
 * reason is printed once, so the skip is visible in the build output.
 */
final class RealSandbox {

    private static Boolean available;

    private RealSandbox() {
    }

    /** The condition of {@code @EnabledIf}: whether bubblewrap works here. */
    static synchronized boolean available() {
        if (available == null) {
            Sandbox.Availability availability = Sandbox.availability();
            available = availability.available();
            if (available) {
                System.err.println("[sandbox] running the sandbox tests with " + availability.detail()
                        + (callerIsRoot() ? " (started as root)" : ""));
            } else {
                System.err.println("[sandbox] SKIPPING the sandbox confinement tests: " + availability.detail());
            }
        }
        return available;
    }

    /** Whether this JVM runs as root, which the tests that impersonate another user need. */
    static boolean callerIsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException unknown) {
            return false;
        }
    }

    /** The confining sandbox; only call it from a test gated on {@link #available()}. */
    static Sandbox required() {
        try {
            return Sandbox.forMode(SandboxMode.REQUIRED);
        } catch (SandboxUnavailableException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }

    /** A spec with roomy limits, so that a test fails only on the limit it is about. */
    static SandboxSpec roomySpec(List<Path> readOnly, Path scratch) {
        return new SandboxSpec(readOnly, scratch, scratch, 1024, 64, 256, 256, SandboxSpec.LEAN_ENVIRONMENT);
    }

    /** What a finished program did. */
    record ProgramRun(int exitCode, String stdout, String stderr) {

        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        /** For assertion messages. */
        String transcript() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs {@code command} to its end with no input, adding {@code extraEnvironment} to this JVM's environment. */
    static ProgramRun run(List<String> command, Map<String, String> extraEnvironment) throws IOException, InterruptedException {
        Path outputs = Files.createTempDirectory("lean3assist-sandbox-test-");
        Path stdout = outputs.resolve("stdout");
        Path stderr = outputs.resolve("stderr");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().putAll(extraEnvironment);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("still running after 60 s: " + command);
            }
            return new ProgramRun(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            Files.deleteIfExists(outputs);
        }
    }

    /** Runs {@code /bin/sh -c script} in the real sandbox. */
    static ProgramRun runConfined(SandboxSpec spec, String script, String... arguments) throws IOException, InterruptedException {
        return run(required().wrap(shell(script, arguments), spec), Map.of());
    }

    /** Runs {@code /bin/sh -c script} without a sandbox: the positive control of an attack. */
    static ProgramRun runUnconfined(String script, String... arguments) throws IOException, InterruptedException {
        return run(shell(script, arguments), Map.of());
    }

    static List<String> shell(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * A {@code sleep} duration that no other process on the machine has in its command line, so
     * that {@link #sleeps} finds exactly the test's own sleeps.
     */
    static String uniqueSleepDuration() {
        return String.format("1000.%09d", (long) (Math.random() * 1_000_000_000L));
    }

    /** The ids of this machine's processes with {@code argument} among their command-line arguments. */
    static List<Long> processesWithArgument(String argument) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String commandLine = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (List.of(commandLine.split("\0")).contains(argument)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException exitedMeanwhile) {
                    // The process ended between the listing and the read.
                }
            }
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot list /proc", unreadable);
        }
        return found;
    }

    /**
     * The ids of this machine's {@code sleep duration} processes. The shells and bubblewraps that
     * started them also have {@code duration} in their command lines, and are not counted.
     */
    static List<Long> sleeps(String duration) {
        return processesWithArgument(duration).stream()
                .filter(pid -> commandLine(pid).equals(List.of("sleep", duration)) || commandLine(pid).equals(List.of("/bin/sleep", duration)))
                .toList();
    }

    /** Waits up to {@code seconds} for the count of {@code sleep duration} processes to satisfy {@code wanted}. */
    static int awaitSleepCount(String duration, IntPredicate wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int count = sleeps(duration).size();
        while (!wanted.test(count) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            count = sleeps(duration).size();
        }
        return count;
    }

    private static List<String> commandLine(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException exited) {
            return List.of();
        }
    }

    /** Kills every process with {@code argument}, so a failed test leaves nothing running. */
    static void killProcessesWithArgument(String argument) {
        for (long pid : processesWithArgument(argument)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
