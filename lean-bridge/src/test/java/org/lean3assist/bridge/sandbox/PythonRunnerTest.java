package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model-written program runs in the real sandbox and leaves no trace: the attacks a PoT answer could make (write
 * the user's files, phone home, outlast its limits), each tried for real.
 */
@EnabledIf(value = "org.lean3assist.bridge.sandbox.PythonRunnerTest#runnable", disabledReason = "bubblewrap or python3 is missing here")
class PythonRunnerTest {

    private static final PythonRunner.Limits LIMITS = new PythonRunner.Limits(Duration.ofSeconds(20), 1024, 16 * 1024);

    @TempDir
    Path home;

    static boolean runnable() {
        boolean python = PythonRunner.INTERPRETERS.stream().anyMatch(Files::isExecutable);
        if (!python) {
            System.err.println("[sandbox] SKIPPING the Python sandbox tests: no python3 at " + PythonRunner.INTERPRETERS);
        }
        return python && RealSandbox.available();
    }

    private static PythonRunner runner() {
        return PythonRunner.onThisMachine(RealSandbox.required(), LIMITS);
    }

    @Test
    void aProgramsOutputComesBack() {
        PythonRunner.Run run = runner().run("print(sum(range(1, 101)))\nprint(48 / 2)\n");
        assertEquals(PythonRunner.Status.OK, run.status(), run.output());
        assertEquals("5050\n24.0\n", run.output());
        assertEquals(0, run.exitCode());
    }

    @Test
    void aTracebackComesBackAsOutput() {
        PythonRunner.Run run = runner().run("print('before')\nx = 1 / 0\n");
        assertEquals(PythonRunner.Status.FAILED, run.status(), run.output());
        assertTrue(run.output().startsWith("before\n"), run.output());
        assertTrue(run.output().contains("ZeroDivisionError"), run.output());
    }

    @Test
    void aHostileProgramLeavesNoTrace() throws Exception {
        Path target = home.resolve("pwned-" + UUID.randomUUID());
        // The machine's /tmp, which the sandbox replaces with a private one.
        Path hostTmp = Path.of("/tmp", "lean3assist-pwned-" + UUID.randomUUID());
        // The directory the test runs from, as a user's project would be: the program may not write there either.
        Path workingDirectory = Path.of("").toAbsolutePath().resolve("pwned-" + UUID.randomUUID());
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1000);
            String program = String.join("\n",
                    "import os, socket",
                    "print('started')",
                    "for path in [" + quoted(target) + ", " + quoted(hostTmp) + ", " + quoted(workingDirectory) + ", 'here.txt']:",
                    "    try:",
                    "        with open(path, 'w') as f:",
                    "            f.write('owned')",
                    "        print('wrote', path)",
                    "    except OSError as e:",
                    "        print('refused', path, type(e).__name__)",
                    "try:",
                    "    socket.create_connection(('127.0.0.1', " + listener.getLocalPort() + "), timeout=2)",
                    "    print('connected')",
                    "except OSError as e:",
                    "    print('no network', type(e).__name__)",
                    "print('home', os.path.exists(" + quoted(home) + "))",
                    "");

            // The positive control: the very same program, unconfined, does write and connect.
            Process unconfined = new ProcessBuilder("/usr/bin/python3", "-I", "-").redirectErrorStream(true).start();
            try (var input = unconfined.getOutputStream()) {
                input.write(program.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String control = new String(unconfined.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(unconfined.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(control.contains("wrote " + target) && control.contains("connected\n"), control);
            try (var accepted = listener.accept()) {
                assertTrue(accepted.isConnected());
            }
            Files.delete(target);
            Files.delete(hostTmp);
            Files.delete(workingDirectory);
            Files.deleteIfExists(Path.of("here.txt"));

            PythonRunner.Run run = runner().run(program);

            assertEquals(PythonRunner.Status.OK, run.status(), run.output());
            assertTrue(run.output().startsWith("started\n"), "the program ran: " + run.output());
            assertTrue(run.output().contains("refused " + target), run.output());
            assertTrue(run.output().contains("refused " + workingDirectory), run.output());
            assertTrue(run.output().contains("no network"), run.output());
            assertFalse(run.output().contains("connected\n"), run.output());
            assertTrue(run.output().contains("home False"), "the user's directories are not even visible: " + run.output());
            // What it could write (its private /tmp, its scratch directory) went with the sandbox.
            assertFalse(Files.exists(target));
            assertFalse(Files.exists(hostTmp));
            assertFalse(Files.exists(workingDirectory));
            assertThrows(SocketTimeoutException.class, listener::accept);
        }
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), left.filter(path -> path.getFileName().toString().startsWith("lean3assist-python-"))
                    .filter(path -> Files.exists(path.resolve("here.txt"))).toList(), "no scratch directory is left");
        }
    }

    @Test
    void aProgramThatNeverEndsIsKilledAtItsTimeLimit() {
        var quick = new PythonRunner.Limits(Duration.ofSeconds(2), 1024, 1024);
        String marker = RealSandbox.uniqueSleepDuration();
        PythonRunner.Run run = PythonRunner.onThisMachine(RealSandbox.required(), quick)
                .run("import subprocess\nsubprocess.Popen(['/bin/sleep', '" + marker + "'])\nprint('spinning', flush=True)\nwhile True: pass\n");
        assertEquals(PythonRunner.Status.TIMED_OUT, run.status(), run.output());
        assertEquals("spinning\n", run.output());
        try {
            assertEquals(0, RealSandbox.awaitSleepCount(marker, count -> count == 0, 10), "the child it started died with it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RealSandbox.killProcessesWithArgument(marker);
        }
    }

    @Test
    void memoryAndOutputAreBounded() {
        PythonRunner.Run hog = runner().run("x = bytearray(4 * 1024 * 1024 * 1024)\nprint('allocated')\n");
        assertEquals(PythonRunner.Status.FAILED, hog.status(), hog.output());
        assertTrue(hog.output().contains("MemoryError"), hog.output());

        PythonRunner.Run flood = runner().run("import sys\nfor i in range(10**6): sys.stdout.write('y' * 100)\n");
        assertTrue(flood.truncated(), "output past the limit is dropped");
        assertEquals(LIMITS.outputBytes(), flood.output().length());
    }

    @Test
    void withoutAConfiningSandboxNothingRuns() throws Exception {
        Path target = home.resolve("ran-" + UUID.randomUUID());
        var runner = new PythonRunner(Sandbox.none("the test says so"), Optional.of(Path.of("/usr/bin/python3")), LIMITS);
        PythonRunner.Run run = runner.run("open(" + quoted(target) + ", 'w').write('x')\n");
        assertEquals(PythonRunner.Status.NOT_RUN, run.status());
        assertTrue(run.output().contains("only in the sandbox"), run.output());
        assertFalse(Files.exists(target));
        assertTrue(runner.describe().startsWith("programs are not run"), runner.describe());
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
