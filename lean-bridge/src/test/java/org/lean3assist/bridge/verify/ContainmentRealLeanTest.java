package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.RealLean;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * Attacks replayed on a real Lean 3 with the safety filter bypassed, so that only the verdict
 * checks and the sandbox stand between them and the machine. Payloads that do run IO in plain Lean
 * (shown first, unsandboxed, on a marker in a scratch folder) leave no trace when replayed in the
 * sandbox; no payload of the attack corpus gets CLOSES_GOAL or PROGRESS on a goal it cannot honestly
 * close or change.
 */
@EnabledIf(value = "realLeanAndSandbox",
        disabledReason = "needs a real Lean 3 (LEAN3_HOME or PATH) and a working bubblewrap; see the [real-lean] and [sandbox] lines")
class ContainmentRealLeanTest {

    private static final LeanBridgeSettings SETTINGS = LeanBridgeSettings.defaults().withReplay(2, Duration.ofSeconds(20));
    private static final String SOURCE = """
            import system.io

            theorem target : false :=
            begin
              trivial
            end

            theorem arithmetic : 2 + 2 = 5 :=
            begin
              refl
            end
            """;
    private static final LeanPosition FALSE_GOAL = new LeanPosition(5, 2);
    private static final LeanPosition ARITHMETIC_GOAL = new LeanPosition(10, 2);

    @TempDir
    Path temporary;
    Path project;
    Path outside;
    Path file;

    static boolean realLeanAndSandbox() {
        return RealLean.found() && Sandbox.availability().available();
    }

    @BeforeEach
    void lay() throws IOException {
        project = Files.createDirectories(temporary.resolve("project"));
        outside = Files.createDirectories(temporary.resolve("outside"));
        file = project.resolve("attacked.lean");
        Files.writeString(file, SOURCE);
    }

    /** Candidates that run IO in a file that imports system.io: a shell, a file write, a lingering child, the environment. */
    private List<String> ioPayloads(String marker) {
        String sh = "tactic.unsafe_run_io (io.cmd {cmd := \"sh\", args := [\"-c\", \"%s\"]}) >> tactic.admit";
        return List.of(
                sh.formatted("echo pwned > " + outside.resolve(marker + "-outside")),
                sh.formatted("echo pwned > " + project.resolve(marker + "-project")),
                sh.formatted("echo pwned > $HOME/" + marker + "-home; echo pwned > /tmp/" + marker + "-tmp"),
                "tactic.unsafe_run_io (io.proc.spawn {cmd := \"sleep\", args := [\"1000\", \"" + marker.length()
                        + "\"]}) >> tactic.admit",
                "exact (by do s ← tactic.unsafe_run_io (io.env.get \"LEAN3_HOME\"), tactic.trace s, tactic.admit)",
                "exact (by do tactic.unsafe_run_io (io.cmd {cmd := \"touch\", args := [\"" + outside.resolve(marker + "-touch")
                        + "\"]}), tactic.admit)");
    }

    @Test
    void ioPayloadsThatRunInPlainLeanLeaveNoTraceInTheSandbox() throws Exception {
        killLingering("sleep 1000 5");
        // The control: unsandboxed, the payloads really run.
        List<ReplayResult> plain = replay(Sandbox.none("the control run"), FALSE_GOAL, ioPayloads("plain"));
        assertTrue(Files.exists(outside.resolve("plain-outside")), "the shell payload ran in plain Lean: " + plain);
        assertTrue(Files.exists(project.resolve("plain-project")), plain.toString());
        assertTrue(Files.exists(outside.resolve("plain-touch")), plain.toString());
        assertTrue(plain.stream().anyMatch(result -> result.messages().stream()
                .anyMatch(message -> message.text().contains(RealLean.installation().executable().getParent().getParent().toString()))),
                "the environment payload read LEAN3_HOME in plain Lean: " + plain);
        assertEquals(1, lingering("sleep 1000 5").size(), "in plain Lean a spawned child outlives its checker");
        killLingering("sleep 1000 5");

        List<ReplayResult> sandboxed = replay(Sandbox.forMode(SandboxMode.REQUIRED), FALSE_GOAL, ioPayloads("boxed"));

        try (Stream<Path> left = Stream.concat(Files.list(outside), Files.list(project))) {
            assertEquals(List.of("attacked.lean", "plain-outside", "plain-project", "plain-touch"),
                    left.map(path -> path.getFileName().toString()).sorted().toList(), "nothing new outside scratch");
        }
        assertFalse(Files.exists(Path.of("/tmp/boxed-tmp")), "the host's /tmp is not the sandbox's");
        assertFalse(Files.exists(Path.of(System.getProperty("user.home"), "boxed-home")));
        // The checkers were killed when their pool closed; their PID namespaces go down with them.
        List<String> left = lingering("sleep 1000 5");
        for (int wait = 0; wait < 100 && !left.isEmpty(); wait++) {
            Thread.sleep(100);
            left = lingering("sleep 1000 5");
        }
        assertEquals(List.of(), left, "no child outlives its checker");
        String leanHome = RealLean.installation().executable().getParent().getParent().toString();
        assertTrue(sandboxed.stream().noneMatch(result -> result.messages().stream()
                .anyMatch(message -> message.text().contains("(some " + leanHome))), "the environment is not visible");
        assertTrue(sandboxed.stream().noneMatch(result -> result.verdict() == Verdict.CLOSES_GOAL
                || result.verdict() == Verdict.PROGRESS), sandboxed.toString());
    }

    @Test
    void noCorpusPayloadClosesAGoalItCannotHonestlyClose() throws Exception {
        List<String> payloads = AttackCorpus.all().map(AttackCorpus.Payload::text).distinct().toList();
        Set<Verdict> dishonest = EnumSet.of(Verdict.CLOSES_GOAL, Verdict.PROGRESS);

        for (LeanPosition goal : List.of(FALSE_GOAL, ARITHMETIC_GOAL)) {
            List<ReplayResult> results = replay(Sandbox.forMode(SandboxMode.REQUIRED), goal, payloads);

            assertEquals(payloads.size(), results.size());
            List<ReplayResult> closed = results.stream().filter(result -> dishonest.contains(result.verdict())).toList();
            assertEquals(List.of(), closed, "at " + goal);
        }
        try (Stream<Path> left = Stream.concat(Files.list(outside), Files.list(project))) {
            assertEquals(List.of("attacked.lean"), left.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void aNumberThatEscapesLeansOwnMemoryLimitIsStoppedByTheSandboxs() throws Exception {
        // GMP's numbers are not counted by Lean's -M: squaring 2 thirty-six times asks for gigabytes.
        // Under -M 256 the sandbox's address-space limit is 256 + 1536 MB, and Lean dies at it.
        LeanBridgeSettings small = SETTINGS.withLimits(256, SETTINGS.deterministicTimeout(), 0)
                .withReplay(1, Duration.ofSeconds(120));
        String squaring = "tactic.trace (((list.range 36).foldl (λ a _, a * a) 2) % 7) >> tactic.admit";

        List<ReplayResult> results = replay(Sandbox.forMode(SandboxMode.REQUIRED), FALSE_GOAL, List.of(squaring), small);

        assertEquals(Verdict.INVALID, results.get(0).verdict(), results.toString());
        assertTrue(results.get(0).explanation().orElseThrow().contains("died"), results.toString());
    }

    private List<ReplayResult> replay(Sandbox sandbox, LeanPosition position, List<String> candidates) throws Exception {
        return replay(sandbox, position, candidates, SETTINGS);
    }

    private List<ReplayResult> replay(Sandbox sandbox, LeanPosition position, List<String> candidates,
                                      LeanBridgeSettings settings) throws Exception {
        try (LeanServer editing = LeanServer.start(RealLean.installation(), project, settings);
             CheckerPool checkers = CheckerPool.forProject(RealLean.installation(), project, settings, sandbox);
             Verifier verifier = new Verifier(editing, checkers, ShadowFiles.perSlot(), candidate -> SafetyVerdict.accept())) {
            return verifier.verify(new VerifyRequest(file, 1, SOURCE, position, candidates)).get(1800, TimeUnit.SECONDS);
        }
    }

    private static List<String> lingering(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String commandLine = Files.readString(process.resolve("cmdline")).replace('\0', ' ').strip();
                    if (commandLine.equals(marker)) {
                        found.add(process.getFileName() + ": " + commandLine);
                    }
                } catch (IOException gone) {
                    // The process ended while it was looked at.
                }
            }
        }
        return found;
    }

    private static void killLingering(String marker) throws Exception {
        for (String process : lingering(marker)) {
            new ProcessBuilder("kill", "-9", process.substring(0, process.indexOf(':'))).start().waitFor();
        }
    }
}
