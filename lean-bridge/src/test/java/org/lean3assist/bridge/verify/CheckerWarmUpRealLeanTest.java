package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.RealLean;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * Warm-up and idle exit on a real Lean 3: a warmed checker gives the same verdicts, a warm-up whose
 * imports fail leaves nothing behind, and an idle-stopped checker is replaced by a working one.
 * With {@code LEAN3ASSIST_MATHLIB} naming a built mathlib project, the first replay on a cold and on
 * a warmed checker is timed (printed, not asserted).
 */
@EnabledIf(value = "org.lean3assist.bridge.RealLean#found",
        disabledReason = "no Lean 3 found (set LEAN3_HOME or put a Lean 3 on PATH); see the [real-lean] line above")
class CheckerWarmUpRealLeanTest {

    private static final LeanBridgeSettings SETTINGS = LeanBridgeSettings.defaults()
            .withRestartBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 3);
    private static final String SOURCE = "import .helper\n\ntheorem uses_helper : my_val = 3 :=\nbegin\n  exact my_val_eq\nend\n";
    private static final LeanPosition SITE = new LeanPosition(5, 2);

    @TempDir
    Path workspace;

    @Test
    void aWarmedPoolReplaysWithTheFilesRelativeImportsAndTheSameVerdicts() throws Exception {
        Path file = project();

        try (LeanServer editing = LeanServer.start(RealLean.installation(), workspace, SETTINGS);
             CheckerPool checkers = CheckerPool.forProject(RealLean.installation(), workspace, SETTINGS);
             Verifier verifier = new Verifier(editing, checkers)) {
            checkers.warm(file.toString(), SOURCE).get(120, TimeUnit.SECONDS);
            assertEquals(2, checkers.started(), "both slots were started");
            assertEquals(2, checkers.running());

            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, SOURCE, SITE,
                    List.of("exact my_val_eq", "refl", "exact rfl", "simp"))).get(120, TimeUnit.SECONDS);

            assertEquals(Verdict.CLOSES_GOAL, results.get(0).verdict(), results.toString());
            assertEquals(2, checkers.started(), "the replays ran on the warmed checkers");
        }
    }

    @Test
    void aWarmUpWhoseImportsFailLeavesNoErrorForTheNextReplay() throws Exception {
        Path file = project();

        try (LeanServer editing = LeanServer.start(RealLean.installation(), workspace, SETTINGS);
             CheckerPool checkers = CheckerPool.forProject(RealLean.installation(), workspace, SETTINGS.withReplay(1,
                     SETTINGS.replayTimeout()));
             Verifier verifier = new Verifier(editing, checkers)) {
            checkers.warm(file.toString(), "import .no_such_module\n").get(120, TimeUnit.SECONDS);

            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, SOURCE, SITE,
                    List.of("exact my_val_eq"))).get(120, TimeUnit.SECONDS);

            assertEquals(Verdict.CLOSES_GOAL, results.get(0).verdict(), "an error in the warm-up file would make every"
                    + " replay INVALID: " + results);
        }
    }

    @Test
    void anIdleStoppedCheckerIsReplacedByAWorkingOne() throws Exception {
        Path file = project();
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        Duration idle = Duration.ofMinutes(10);

        LeanBridgeSettings checkerSettings = SETTINGS.withRestartBackoff(SETTINGS.restartBackoff(),
                SETTINGS.maxRestartBackoff(), 0);
        try (LeanServer editing = LeanServer.start(RealLean.installation(), workspace, SETTINGS);
             // Unsandboxed checkers on a clock of the test's.
             CheckerPool checkers = new CheckerPool(slot -> LeanServer.start(RealLean.installation(), workspace,
                     checkerSettings), 1, new CheckerPool.Confinement(false, "unsandboxed"), idle, now::get, false);
             Verifier verifier = new Verifier(editing, checkers)) {
            checkers.warm(file.toString(), SOURCE).get(120, TimeUnit.SECONDS);
            now.addAndGet(idle.toNanos() + 1);

            assertEquals(1, checkers.reapIdle());
            assertEquals(0, checkers.running());
            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, SOURCE, SITE,
                    List.of("exact my_val_eq"))).get(120, TimeUnit.SECONDS);

            assertEquals(Verdict.CLOSES_GOAL, results.get(0).verdict(), results.toString());
            assertEquals(2, checkers.started());
        }
    }

    @Test
    void timesTheFirstReplayOnAColdAndOnAWarmedMathlibChecker() throws Exception {
        Optional<Path> mathlib = Optional.ofNullable(System.getenv("LEAN3ASSIST_MATHLIB")).map(Path::of)
                .filter(root -> Files.isRegularFile(root.resolve("leanpkg.path")));
        if (mathlib.isEmpty()) {
            System.err.println("[real-lean] SKIPPING the mathlib warm-up timing: set LEAN3ASSIST_MATHLIB to a built mathlib project");
        }
        Assumptions.assumeTrue(mathlib.isPresent(), "LEAN3ASSIST_MATHLIB names no built mathlib project");
        Path root = mathlib.get();
        Path file = root.resolve("lean3assist_warm_up_probe.lean");
        String source = "import data.real.basic\n\ntheorem two_two (x : ℝ) (h : x = 2) : x + x = 4 :=\nbegin\n  subst h,\n  norm_num\nend\n";
        LeanPosition site = new LeanPosition(5, 2);
        LeanBridgeSettings settings = SETTINGS.withReplay(1, Duration.ofSeconds(120));

        long[] millis = new long[4];
        for (int round = 0; round < 2; round++) {
            boolean warmed = round == 1;
            try (LeanServer editing = LeanServer.start(RealLean.installation(), root, settings);
                 CheckerPool checkers = CheckerPool.forProject(RealLean.installation(), root, settings);
                 Verifier verifier = new Verifier(editing, checkers)) {
                if (warmed) {
                    long started = System.nanoTime();
                    checkers.warm(file.toString(), source).get(300, TimeUnit.SECONDS);
                    millis[2] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                }
                long started = System.nanoTime();
                List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, site,
                        List.of("norm_num [h]"))).get(300, TimeUnit.SECONDS);
                millis[round] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertEquals(Verdict.CLOSES_GOAL, results.get(0).verdict(), results.toString());
                if (warmed) {
                    // Another candidate on the same checker, with a name not asked about yet (so Lean
                    // is asked whether it is meta code, as for the first): a replay once all is loaded.
                    started = System.nanoTime();
                    results = verifier.verify(new VerifyRequest(file, 1, source, site, List.of("norm_num [h, two_mul]")))
                            .get(300, TimeUnit.SECONDS);
                    millis[3] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    assertEquals(Verdict.CLOSES_GOAL, results.get(0).verdict(), results.toString());
                }
                assertEquals(1, checkers.started());
            }
        }
        System.err.printf("[real-lean] mathlib (data.real.basic) first replay: cold %d ms, warmed %d ms (warm-up %d ms);"
                + " a later replay %d ms%n", millis[0], millis[1], millis[2], millis[3]);
    }

    /** A project as a user has it, readable by others (a sandboxed checker started by root runs as nobody). */
    private Path project() throws Exception {
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(workspace.resolve("helper.lean"), "def my_val : ℕ := 3\nlemma my_val_eq : my_val = 3 := rfl\n");
        return workspace.resolve("main.lean");
    }
}
