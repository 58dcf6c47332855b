package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.RealLean;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.TacticBlocks;

/**
 * The attacks a tactic session must hold, on a real Lean in the real sandbox, one layer at a time.
 * A session's file imports {@code system.io} (for its own pipes), so IO is in reach of a step even
 * in a core-only file: with every screen bypassed and no sandbox the payloads really run (the
 * control); Lean's meta-name answer in the session refuses them with the filter bypassed; and with
 * both bypassed, the sandbox leaves no trace of them outside its scratch directory.
 */
@EnabledIf(value = "realLeanAndSandbox", disabledReason = "needs a real Lean 3 and a working bubblewrap")
class TacticSessionContainmentRealLeanTest {

    private static final String SOURCE = "theorem attacked : 1 + 1 = 2 :=\nbegin\n  sorry\nend\n";
    private static final LeanPosition SITE = new LeanPosition(3, 2);
    private static final LeanBridgeSettings SETTINGS = LeanBridgeSettings.defaults();

    @TempDir
    Path temporary;
    Path project;
    Path outside;

    static boolean realLeanAndSandbox() {
        return RealLean.found() && Sandbox.availability().available();
    }

    @BeforeEach
    void lay() throws IOException {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
        project = Files.createDirectories(temporary.resolve("project"));
        outside = Files.createDirectories(temporary.resolve("outside"));
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(project.resolve("attacked.lean"), SOURCE);
    }

    private List<String> payloads(String marker) {
        String sh = "tactic.unsafe_run_io (io.cmd {cmd := \"sh\", args := [\"-c\", \"%s\"]}) >> tactic.skip";
        return List.of(
                sh.formatted("echo pwned > " + outside.resolve(marker + "-outside")),
                sh.formatted("echo pwned > " + project.resolve(marker + "-project")),
                "exact (by do tactic.unsafe_run_io (io.cmd {cmd := \"touch\", args := [\"" + outside.resolve(marker + "-touch")
                        + "\"]}), tactic.exact `(rfl : 1 + 1 = 2))");
    }

    private List<TacticSession.Step> run(Sandbox sandbox, Verifier.Screen screen, boolean askNames, List<String> steps)
            throws IOException {
        try (CheckerPool pool = CheckerPool.forProject(RealLean.installation(), project, SETTINGS, sandbox);
             TacticSession session = TacticSession.start(pool.sessions().orElseThrow(), SOURCE, SITE,
                     TacticBlocks.enclosing(SOURCE, SITE).orElseThrow(),
                     new TacticSession.Limits(Duration.ofSeconds(10), SETTINGS.deterministicTimeout(), Duration.ofSeconds(120)),
                     screen, askNames)) {
            return steps.stream().map(step -> session.step(0, step)).toList();
        }
    }

    private List<String> left() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(outside), Files.list(project))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachLayerHoldsTheIoPayloadsOnItsOwn() throws Exception {
        Verifier.Screen bypassed = candidate -> SafetyVerdict.accept();

        // The control: no filter, no meta-name question, no sandbox: the payloads run.
        run(Sandbox.none("the control run"), bypassed, false, payloads("plain"));
        assertEquals(List.of("attacked.lean", "plain-outside", "plain-project", "plain-touch"), left(),
                "the payloads ran in an unconfined session");

        // Lean's answer alone: the session refuses the meta names, unconfined as it is.
        List<TacticSession.Step> asked = run(Sandbox.none("the meta-name layer alone"), bypassed, true, payloads("asked"));
        assertTrue(asked.stream().allMatch(step -> step.outcome() == TacticSession.Outcome.REFUSED), asked.toString());
        assertTrue(asked.get(0).explanation().orElseThrow().contains("tactic.unsafe_run_io"), asked.toString());

        // The filter alone: nothing is written to Lean.
        List<TacticSession.Step> filtered = run(Sandbox.none("the filter alone"), SafetyFilter::check, false, payloads("filtered"));
        assertTrue(filtered.stream().allMatch(step -> step.outcome() == TacticSession.Outcome.REFUSED), filtered.toString());

        // The sandbox alone: the payloads run in it and leave nothing outside its scratch directory.
        List<TacticSession.Step> boxed = run(Sandbox.forMode(SandboxMode.REQUIRED), bypassed, false, payloads("boxed"));
        assertEquals(List.of("attacked.lean", "plain-outside", "plain-project", "plain-touch"), left(),
                "nothing new outside the sandbox: " + boxed);
    }
}
