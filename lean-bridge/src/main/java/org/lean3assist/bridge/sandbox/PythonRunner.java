package org.lean3assist.bridge.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a model-written Python program, and only inside a sandbox that confines: with no network, no
 * file of the machine but {@code /usr} and the loader's cache, a private {@code /tmp}, a scratch
 * directory of its own that is deleted afterwards, and limits on time, memory, file size, processes
 * and output. Where the sandbox does not confine (bubblewrap missing, or the setting "off") nothing
 * runs: a program has no filter in front of it, as a Lean replay has, so the sandbox is its only
 * defence.
 *
 * <p>The program reaches the interpreter on its standard input ({@code python3 -I -}: isolated mode,
 * which ignores {@code PYTHON*} variables and the user's site directory), so nothing is written for
 * it. Its standard error is merged into its output, as a notebook shows a traceback.
 */
public final class PythonRunner {

    /** The interpreter the runner looks for; it must lie under {@code /usr}, the only tree the sandbox shows. */
    public static final List<Path> INTERPRETERS = List.of(Path.of("/usr/bin/python3"), Path.of("/usr/local/bin/python3"));

    /**
     * What one program may use.
     *
     * @param time           wall-clock time before the whole sandbox is killed
     * @param addressSpaceMb the address-space limit in MiB
     * @param outputBytes    how much of the output is kept; the rest is read and dropped
     */
    public record Limits(Duration time, long addressSpaceMb, int outputBytes) {

        /** Ten seconds, 1 GiB of address space, 16 KiB of output. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 1024, 16 * 1024);

        public Limits {
            Objects.requireNonNull(time, "time");
            if (time.isNegative() || time.isZero() || addressSpaceMb <= 0 || outputBytes <= 0) {
                throw new IllegalArgumentException("limits must be positive: " + time + ", " + addressSpaceMb + ", " + outputBytes);
            }
        }
    }

    /** How a program ended. */
    public enum Status {
        /** It ran and exited with status 0. */
        OK,
        /** It ran and exited otherwise (an exception, a limit's signal). */
        FAILED,
        /** It was killed at the time limit. */
        TIMED_OUT,
        /** It was not run; {@link Run#output()} says why. */
        NOT_RUN
    }

    /**
     * One program's run.
     *
     * @param status    how it ended
     * @param output    its standard output and error, cut at the limit (for {@code NOT_RUN}: why it did not run)
     * @param exitCode  its exit status (-1 when it did not run or was killed)
     * @param truncated whether output was dropped at the limit
     * @param elapsed   the wall-clock time of the run
     */
    public record Run(Status status, String output, int exitCode, boolean truncated, Duration elapsed) {

        public boolean ran() {
            return status != Status.NOT_RUN;
        }

        static Run notRun(String why) {
            return new Run(Status.NOT_RUN, why, -1, false, Duration.ZERO);
        }
    }

    private static final int PROCESSES = 16;
    private static final int OPEN_FILES = 64;
    private static final long FILE_SIZE_MB = 1;
    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8",
            "HOME", "/tmp", "OPENBLAS_NUM_THREADS", "1", "OMP_NUM_THREADS", "1");

    private final Sandbox sandbox;
    private final Optional<Path> interpreter;
    private final Limits limits;

    /**
     * @param sandbox     the sandbox programs run in; one that does not confine runs nothing
     * @param interpreter the {@code python3} to run, which must lie under {@code /usr}; empty when there is none
     */
    public PythonRunner(Sandbox sandbox, Optional<Path> interpreter, Limits limits) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.interpreter = interpreter.map(Path::normalize);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A runner with this machine's {@code python3}, if any, in {@code sandbox}. */
    public static PythonRunner onThisMachine(Sandbox sandbox, Limits limits) {
        return new PythonRunner(sandbox, INTERPRETERS.stream().filter(Files::isExecutable).findFirst(), limits);
    }

    /** Why programs are not run here, or empty when they are. */
    public Optional<String> unavailable() {
        if (!sandbox.confines()) {
            return Optional.of("programs run only in the sandbox, and there is none: " + sandbox.describe());
        }
        if (interpreter.isEmpty()) {
            return Optional.of("no python3 was found at " + INTERPRETERS);
        }
        if (!interpreter.get().startsWith("/usr")) {
            return Optional.of(interpreter.get() + " lies outside /usr, which is all the sandbox shows");
        }
        return Optional.empty();
    }

    /** One line for displays: what programs run in, or why they do not run. */
    public String describe() {
        return unavailable().map(why -> "programs are not run: " + why)
                .orElseGet(() -> interpreter.get() + ", " + sandbox.describe() + ", " + limits.time().toSeconds()
                        + " s and " + limits.addressSpaceMb() + " MiB per program");
    }

    /** Runs {@code program} to its end or its time limit; never throws for anything the program does. */
    public Run run(String program) {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            return Run.notRun(why.get());
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("lean3assist-python-");
        } catch (IOException e) {
            return Run.notRun("no scratch directory could be made: " + e.getMessage());
        }
        long started = System.nanoTime();
        try {
            SandboxSpec spec = new SandboxSpec(List.of(), scratch, scratch, limits.addressSpaceMb(), FILE_SIZE_MB,
                    PROCESSES, OPEN_FILES, ENVIRONMENT);
            List<String> command = sandbox.wrap(List.of(interpreter.get().toString(), "-I", "-"), spec);
            Process process = Sandbox.start(new ProcessBuilder(command).redirectErrorStream(true));
            CompletableFuture<Capture> output = CompletableFuture.supplyAsync(() -> capture(process.getInputStream(),
                    limits.outputBytes()));
            try (OutputStream input = process.getOutputStream()) {
                input.write(program.getBytes(StandardCharsets.UTF_8));
            } catch (IOException exitedBeforeReading) {
                // The program ended before it read all of itself; its output says why.
            }
            boolean ended = process.waitFor(limits.time().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                Sandbox.kill(process);
                process.waitFor(5, TimeUnit.SECONDS);
            }
            Capture captured = output.get(5, TimeUnit.SECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (!ended) {
                return new Run(Status.TIMED_OUT, captured.text(), -1, captured.truncated(), elapsed);
            }
            int exit = process.exitValue();
            return new Run(exit == 0 ? Status.OK : Status.FAILED, captured.text(), exit, captured.truncated(), elapsed);
        } catch (IOException | UncheckedIOException e) {
            return Run.notRun("the sandbox could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Run.notRun("interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Run(Status.FAILED, "its output could not be read: " + e, -1, false,
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            deleteTree(scratch);
        }
    }

    private record Capture(String text, boolean truncated) {
    }

    private static Capture capture(InputStream stream, int limit) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean truncated = false;
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                int room = limit - kept.size();
                if (read > room) {
                    truncated = true;
                }
                kept.write(buffer, 0, Math.max(0, Math.min(read, room)));
            }
        } catch (IOException closed) {
            // The process was killed; what was read is kept.
        }
        return new Capture(kept.toString(StandardCharsets.UTF_8), truncated);
    }

    private static void deleteTree(Path root) {
        try {
            Directories.deleteTree(root);
        } catch (IOException e) {
            // A file the program made that cannot be removed stays in the temporary directory; it
            // was never visible outside the sandbox's scratch.
        }
    }
}
