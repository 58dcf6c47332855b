package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.sandbox.RealSandbox.ProgramRun;

/**
 * Each resource limit stops the program that tries to exceed it, and the same program under a
 * roomier limit succeeds, so the failure is the limit's doing.
 */
@EnabledIf(value = "org.lean3assist.bridge.sandbox.RealSandbox#available", disabledReason = "bubblewrap does not work here")
class SandboxLimitsTest {

    /** Holds 64 MB in a shell variable. */
    private static final String ALLOCATE_64_MB = "value=$(head -c 64000000 /dev/zero | tr '\\0' x); echo \"held ${#value}\"";

    /**
     * Starts up to 100 sleeps, saying so after each; dash gives up at the first fork that fails.
     * The sleeps are not waited for: when the shell ends, the sandbox's PID namespace ends, and
     * every sleep with it.
     */
    private static final String FORK_100 = "i=0; while [ $i -lt 100 ]; do sleep \"$1\" & i=$((i+1)); echo started; done";

    @TempDir
    Path scratch;

    private final String sleepDuration = RealSandbox.uniqueSleepDuration();

    @AfterEach
    void killLeftovers() {
        RealSandbox.killProcessesWithArgument(sleepDuration);
    }

    @Test
    void addressSpaceLimitStopsAnAllocation() throws Exception {
        ProgramRun roomy = RealSandbox.runConfined(spec(512, 64, 256, 256), ALLOCATE_64_MB);
        assertEquals("held 64000000\n", roomy.stdout(), roomy.transcript());

        ProgramRun tight = RealSandbox.runConfined(spec(32, 64, 256, 256), ALLOCATE_64_MB);
        assertNotEquals(0, tight.exitCode(), tight.transcript());
        assertEquals("", tight.stdout(), tight.transcript());
    }

    @Test
    void processLimitStopsAForkLoop() throws Exception {
        ProgramRun roomy = RealSandbox.run(RealSandbox.required().wrap(RealSandbox.shell(FORK_100, sleepDuration), spec(1024, 64, 200, 256)), Map.of());
        assertEquals(100, roomy.stdoutLines().size(), roomy.transcript());

        ProgramRun tight = RealSandbox.run(RealSandbox.required().wrap(RealSandbox.shell(FORK_100, sleepDuration), spec(1024, 64, 16, 256)), Map.of());
        // The limit counts the shell itself, so at most 15 sleeps can start.
        assertTrue(tight.stdoutLines().size() <= 15, tight.transcript());
        assertNotEquals(0, tight.exitCode(), tight.transcript());
        assertTrue(tight.stderr().contains("fork"), tight.transcript());

        assertEquals(0, RealSandbox.awaitSleepCount(sleepDuration, count -> count == 0, 10),
                "sleeps outlived their sandbox: " + RealSandbox.sleeps(sleepDuration));
    }

    @Test
    void processLimitIsCountedPerSandbox() throws Exception {
        // Were the processes counted per uid across the machine, as RLIMIT_NPROC counts them
        // outside a user namespace, a busy sandbox would starve the next one.
        String hold12 = "i=0; while [ $i -lt 12 ]; do sleep \"$1\" & i=$((i+1)); done; echo holding; wait";
        Process busy = new ProcessBuilder(RealSandbox.required().wrap(RealSandbox.shell(hold12, sleepDuration), spec(1024, 64, 16, 256)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertEquals(12, RealSandbox.awaitSleepCount(sleepDuration, count -> count >= 12, 20));

            ProgramRun next = RealSandbox.run(RealSandbox.required().wrap(RealSandbox.shell(FORK_100, sleepDuration), spec(1024, 64, 16, 256)), Map.of());
            // Counted together, the two would share 16, and this one could start at most 3.
            int started = next.stdoutLines().size();
            assertTrue(started >= 12 && started <= 15, next.transcript());
        } finally {
            busy.destroyForcibly().waitFor();
        }
    }

    @Test
    void fileSizeLimitStopsABigFile() throws Exception {
        String write3Mb = "head -c 3000000 /dev/zero > \"$1\"; echo \"exit $?\"";
        Path roomyFile = scratch.resolve("roomy.bin");
        ProgramRun roomy = RealSandbox.run(RealSandbox.required().wrap(RealSandbox.shell(write3Mb, roomyFile.toString()), spec(1024, 8, 256, 256)), Map.of());
        assertEquals("exit 0\n", roomy.stdout(), roomy.transcript());
        assertEquals(3_000_000, Files.size(roomyFile));

        Path tightFile = scratch.resolve("tight.bin");
        ProgramRun tight = RealSandbox.run(RealSandbox.required().wrap(RealSandbox.shell(write3Mb, tightFile.toString()), spec(1024, 1, 256, 256)), Map.of());
        assertNotEquals("exit 0\n", tight.stdout(), tight.transcript());
        assertEquals(1024 * 1024, Files.size(tightFile), tight.transcript());
    }

    @Test
    void privateTmpHoldsNoMoreThanOneFileMay() throws Exception {
        // Many files, each under RLIMIT_FSIZE, would otherwise fill memory through the in-memory /tmp.
        // The /tmp named here is the sandbox's own tmpfs, the thing under test, never the host's.
        String fillTmp = "for i in 1 2 3 4 5; do head -c 600000 /dev/zero > /tmp/part$i && echo \"wrote part$i\"; done";

        ProgramRun roomy = RealSandbox.runConfined(spec(1024, 8, 256, 256), fillTmp);
        assertEquals(5, roomy.stdoutLines().size(), roomy.transcript());

        ProgramRun tight = RealSandbox.runConfined(spec(1024, 1, 256, 256), fillTmp);
        assertTrue(tight.stdoutLines().size() < 2, tight.transcript());
        assertTrue(tight.stderr().contains("No space left on device"), tight.transcript());
    }

    @Test
    void openFilesLimitStopsHoldingManyFiles() throws Exception {
        // paste holds every file it reads open at once.
        String open100 = "cd /tmp; i=0; while [ $i -lt 100 ]; do : > file$i; i=$((i+1)); done; paste file* > /dev/null && echo pasted";

        ProgramRun roomy = RealSandbox.runConfined(spec(1024, 64, 256, 256), open100);
        assertEquals("pasted\n", roomy.stdout(), roomy.transcript());

        ProgramRun tight = RealSandbox.runConfined(spec(1024, 64, 256, 32), open100);
        assertEquals("", tight.stdout(), tight.transcript());
        assertTrue(tight.stderr().contains("Too many open files"), tight.transcript());
    }

    private SandboxSpec spec(long addressSpaceMb, long fileSizeMb, int processes, int openFiles) {
        return new SandboxSpec(List.of(), scratch, scratch, addressSpaceMb, fileSizeMb, processes, openFiles, SandboxSpec.LEAN_ENVIRONMENT);
    }
}
