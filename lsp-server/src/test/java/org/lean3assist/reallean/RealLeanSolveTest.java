package org.lean3assist.reallean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.solve.CheckedClaim;
import org.lean3assist.engine.solve.ClaimVerdict;
import org.lean3assist.engine.solve.VerifierSolveChecker;
import org.lean3assist.model.solve.LeanSolution;
import org.lean3assist.model.solve.SolutionParsers;

/**
 * The solve checker on a real Lean 3 with mathlib ({@code LEAN3ASSIST_MATHLIB}, a built mathlib project): Lean's
 * verdicts on claims agree with exact arithmetic (what the scripted checker of the CI tests assumes), a model's
 * theorem is proved only by a real proof, and hostile Lean never reaches it.
 */
@EnabledIf(value = "org.lean3assist.reallean.RealLean#available", disabledReason = RealLean.SKIP_REASON)
class RealLeanSolveTest {

    private static Path root;
    private static LeanServer editing;
    private static CheckerPool checkers;
    private static Verifier verifier;
    private static VerifierSolveChecker checker;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> mathlib = Optional.ofNullable(System.getenv("LEAN3ASSIST_MATHLIB")).map(Path::of)
                .filter(project -> Files.isRegularFile(project.resolve("leanpkg.path")));
        if (mathlib.isEmpty()) {
            System.err.println("[real-lean] SKIPPING the solve checks: set LEAN3ASSIST_MATHLIB to a built mathlib project");
        }
        Assumptions.assumeTrue(mathlib.isPresent(), "LEAN3ASSIST_MATHLIB names no built mathlib project");
        root = mathlib.get();
        LeanBridgeSettings settings = LeanBridgeSettings.defaults().withReplay(2, Duration.ofSeconds(120));
        editing = LeanServer.start(RealLean.installation(), root, settings);
        checkers = CheckerPool.forProject(RealLean.installation(), root, settings);
        verifier = new Verifier(editing, checkers);
        Path anchor = root.resolve("lean3-assist-solve.lean");
        Set<String> tactics = verifier.availableTactics(anchor, Engine.SOLVE_IMPORTS, List.of("norm_num"))
                .get(300, TimeUnit.SECONDS);
        checker = new VerifierSolveChecker(verifier, anchor, 1, Engine.SOLVE_IMPORTS, tactics, checkers.confinement().description());
    }

    @AfterAll
    static void stop() {
        if (verifier != null) {
            verifier.close();
            checkers.close();
            editing.close();
        }
    }

    @Test
    void leansVerdictOnEachClaimIsExactArithmetic() {
        assertEquals(Optional.empty(), checker.unavailable(), "mathlib's norm_num is there");
        var claims = SolutionParsers.claims("48 / 2 = 24, 15 * 2 = 92, 2^10 = 1024, 0.5 * 4 = 2, 1/3 + 1/3 = 0.67, "
                + "(3 - 5) * 7 = -14, 7 / 2 = 3, 10 - 12 = 0");
        assertEquals(8, claims.size());
        List<CheckedClaim> checked = checker.claims(claims);
        for (CheckedClaim claim : checked) {
            assertEquals(claim.claim().arithmeticHolds() ? ClaimVerdict.PROVED : ClaimVerdict.REFUTED, claim.verdict(),
                    claim.checked() + ": " + claim.message());
        }
        assertEquals(List.of(true, false, true, true, false, true, false, false),
                checked.stream().map(claim -> claim.verdict() == ClaimVerdict.PROVED).toList(),
                "over ℚ, 7 / 2 is not 3 and 10 - 12 is not 0, as ℕ would have it");
    }

    @Test
    void aModelsTheoremIsProvedOnlyByARealProof() {
        var proved = checker.lean(new LeanSolution(": (23 : ℚ) + 7 = 30", "norm_num", Optional.of("30")));
        assertEquals(ClaimVerdict.PROVED, proved.verdict(), proved.message().toString());
        var wrong = checker.lean(new LeanSolution(": (23 : ℚ) + 7 = 31", "norm_num", Optional.of("31")));
        assertEquals(ClaimVerdict.UNPROVED, wrong.verdict());
        // norm_num leaves `false`: the message says Lean did not prove it, and what is left.
        assertEquals(true, wrong.message().orElse("").startsWith("Lean did not prove it: goals remain after the proof: ")
                && wrong.message().orElse("").contains("false"), wrong.message().toString());
        var cheat = checker.lean(new LeanSolution(": (23 : ℚ) + 7 = 31", "sorry", Optional.of("31")));
        assertEquals(ClaimVerdict.UNPROVED, cheat.verdict(), "sorry proves nothing");
        var admitted = checker.lean(new LeanSolution(": (23 : ℚ) + 7 = 31", "exact (sorry_ax _ ff)", Optional.of("31")));
        assertEquals(ClaimVerdict.UNPROVED, admitted.verdict(), admitted.message().toString());
    }

    @Test
    void solveOverLspBesideAnEditedFileChecksTheStepThatGivesTheAnswer() throws Exception {
        Path file = root.resolve("lean3assist_solve_probe_" + UUID.randomUUID().toString().replace('-', '_') + ".lean");
        String source = "import tactic\n\n/- Ben buys 5 bags with 8 coins in each bag. How many coins does Ben buy? -/\n";
        Path tiny = Path.of("..", "model", "src", "test", "resources", "tiny-solver", "mammoth").toAbsolutePath().normalize();
        Files.writeString(file, source);
        try (var solver = org.lean3assist.engine.ModelLoading.assistant(org.lean3assist.engine.ModelLoading.local(tiny,
                org.lean3assist.model.Device.CPU), org.lean3assist.engine.ModelLoading.profile("mammoth"));
             var harness = org.lean3assist.lsp.RealLeanHarness.withModel(solver)) {
            String uri = file.toUri().toString();
            var documents = harness.client().remote.getTextDocumentService();
            documents.didOpen(new org.eclipse.lsp4j.DidOpenTextDocumentParams(new org.eclipse.lsp4j.TextDocumentItem(uri, "lean", 1, source)));
            // An edit: the checks must go to version 2, which a verifier of version 1 would drop.
            documents.didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(source + "\n"))));
            harness.awaitDiagnostics(uri);
            var arguments = new com.google.gson.JsonObject();
            arguments.addProperty("question", "Ben buys 5 bags with 8 coins in each bag. How many coins does Ben buy?");
            arguments.addProperty("uri", uri);
            arguments.add("position", new com.google.gson.Gson().toJsonTree(new org.eclipse.lsp4j.Position(2, 3)));
            arguments.addProperty("samples", 1);
            Object reply = harness.client().remote.getWorkspaceService().executeCommand(new org.eclipse.lsp4j.ExecuteCommandParams(
                    org.lean3assist.lsp.Protocol.SOLVE, List.of(arguments))).get(300, TimeUnit.SECONDS);
            var result = new com.google.gson.Gson().fromJson(new com.google.gson.Gson().toJsonTree(reply),
                    org.lean3assist.lsp.Protocol.SolveResult.class);
            assertEquals("40", result.answer(), result.toString());
            assertEquals("proved", result.solutions().get(0).claims().get(0).verdict(), result.toString());
            assertEquals("checked", result.status(), result.why());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void hostileLeanIsRefusedBeforeLeanAndLeavesNoTrace() {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "lean3assist-solve-pwned-" + UUID.randomUUID());
        var runIo = checker.lean(new LeanSolution(": true",
                "tactic.unsafe_run_io (io.fs.write_file \"" + target + "\" \"x\"), trivial", Optional.empty()));
        assertEquals(ClaimVerdict.UNPROVED, runIo.verdict());
        assertTrue(runIo.message().orElse("").startsWith("not sent to Lean"), runIo.message().toString());
        var command = checker.lean(new LeanSolution(": true := trivial\n#eval io.fs.write_file \"" + target + "\" \"x\"\ntheorem u : true",
                "trivial", Optional.empty()));
        assertEquals(ClaimVerdict.UNPROVED, command.verdict());
        assertTrue(command.message().orElse("").startsWith("not sent to Lean"), command.message().toString());
        assertFalse(Files.exists(target));
    }
}
