package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.sandbox.RealSandbox.ProgramRun;

/** A sandboxed program and everything it starts die with the sandbox, and it sees no process of the machine's. */
@EnabledIf(value = "org.lean3assist.bridge.sandbox.RealSandbox#available", disabledReason = "bubblewrap does not work here")
class SandboxProcessTest {

    @TempDir
    Path scratch;

    private final String sleepDuration = RealSandbox.uniqueSleepDuration();

    @AfterEach
    void killLeftovers() {
        RealSandbox.killProcessesWithArgument(sleepDuration);
    }

    @Test
    void diesWhenItsParentIsKilled() throws Exception {
        // The sandboxed program has a child of its own, in the background, beside its foreground sleep.
        List<String> sandboxed = RealSandbox.required().wrap(
                RealSandbox.shell("sleep \"$1\" & sleep \"$1\"", sleepDuration), RealSandbox.roomySpec(List.of(), scratch));
        List<String> parent = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\" & wait", "parent"));
        parent.addAll(sandboxed);
        Process parentProcess = new ProcessBuilder(parent)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertEquals(2, RealSandbox.awaitSleepCount(sleepDuration, count -> count >= 2, 20), "the sandboxed sleeps never started");

            parentProcess.destroyForcibly();
            parentProcess.waitFor();

            assertEquals(0, RealSandbox.awaitSleepCount(sleepDuration, count -> count == 0, 10),
                    "sleeps outlived their parent: " + RealSandbox.sleeps(sleepDuration));
        } finally {
            parentProcess.destroyForcibly();
        }
    }

    @Test
    void aBackgroundGrandchildDiesWhenTheProgramEnds() throws Exception {
        String leaveAChildBehind = "sleep \"$1\" & echo left";

        // The positive control: unconfined, the grandchild outlives the shell that started it.
        ProgramRun unconfined = RealSandbox.runUnconfined(leaveAChildBehind, sleepDuration);
        assertEquals("left\n", unconfined.stdout(), unconfined.transcript());
        assertEquals(1, RealSandbox.awaitSleepCount(sleepDuration, count -> count >= 1, 10));
        RealSandbox.killProcessesWithArgument(sleepDuration);
        assertEquals(0, RealSandbox.awaitSleepCount(sleepDuration, count -> count == 0, 10));

        ProgramRun confined = RealSandbox.runConfined(RealSandbox.roomySpec(List.of(), scratch), leaveAChildBehind, sleepDuration);
        assertEquals("left\n", confined.stdout(), confined.transcript());
        assertEquals(0, RealSandbox.awaitSleepCount(sleepDuration, count -> count == 0, 10),
                "a grandchild outlived its sandbox: " + RealSandbox.sleeps(sleepDuration));
    }

    @Test
    void theMachinesProcessesAreInvisible() throws Exception {
        Process hostSleep = new ProcessBuilder("sleep", sleepDuration).start();
        try {
            String listEveryCommandLine = "for file in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < \"$file\"; echo; done";

            // The positive control: unconfined, the listing shows the machine's sleep.
            ProgramRun unconfined = RealSandbox.runUnconfined(listEveryCommandLine);
            assertTrue(unconfined.stdout().contains("sleep " + sleepDuration), unconfined.transcript());

            ProgramRun confined = RealSandbox.runConfined(RealSandbox.roomySpec(List.of(), scratch), listEveryCommandLine);
            assertEquals(0, confined.exitCode(), confined.transcript());
            assertFalse(confined.stdout().contains("sleep " + sleepDuration), confined.transcript());
            // The listing itself is there: the sandbox's own shell and tr, at least.
            assertTrue(confined.stdout().contains("/bin/sh -c"), confined.transcript());
            // Nothing of the JVM either: not its pid, not its command line.
            assertFalse(confined.stdout().contains("java"), confined.transcript());
        } finally {
            hostSleep.destroyForcibly().waitFor();
        }
    }

    @Test
    void startKeepsTheSandboxAliveAfterTheStartingThreadEnds() throws Exception {
        // bubblewrap's death signal follows the thread that started it, and a pool thread that
        // retires would take the sandbox along.
        List<String> sandboxed = RealSandbox.required().wrap(List.of("/bin/sleep", sleepDuration), RealSandbox.roomySpec(List.of(), scratch));

        Process startedDirectly = startFromAThreadThatEnds(() -> new ProcessBuilder(sandboxed).start());
        assertTrue(startedDirectly.waitFor(10, TimeUnit.SECONDS), "the positive control: the sandbox should die with its thread");
        assertEquals(0, RealSandbox.awaitSleepCount(sleepDuration, count -> count == 0, 10));

        Process startedByLauncher = startFromAThreadThatEnds(() -> Sandbox.start(new ProcessBuilder(sandboxed)));
        try {
            assertFalse(startedByLauncher.waitFor(2, TimeUnit.SECONDS), "the sandbox died with the thread that asked for it");
            assertEquals(1, RealSandbox.sleeps(sleepDuration).size());
        } finally {
            startedByLauncher.destroyForcibly().waitFor();
        }
    }

    private interface Starter {
        Process start() throws Exception;
    }

    /**
     * Starts a process from a new thread, which ends only once the sandboxed sleep is running,
     * and so after bubblewrap has armed its death signal.
     */
    private Process startFromAThreadThatEnds(Starter starter) throws Exception {
        AtomicReference<Process> started = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicInteger sleepsSeen = new AtomicInteger();
        Thread thread = new Thread(() -> {
            try {
                started.set(starter.start());
                sleepsSeen.set(RealSandbox.awaitSleepCount(sleepDuration, count -> count >= 1, 20));
            } catch (Exception failed) {
                failure.set(failed);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        // Counted before the thread ended: after, the sleep may already be gone.
        assertEquals(1, sleepsSeen.get(), "the sandboxed sleep never started");
        return started.get();
    }
}
