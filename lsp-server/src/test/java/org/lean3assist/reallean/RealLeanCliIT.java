package org.lean3assist.reallean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** README's main job, run through the real launcher against a real Lean 3. */
@EnabledIf(value = "org.lean3assist.reallean.RealLean#available", disabledReason = RealLean.SKIP_REASON)
class RealLeanCliIT {

    private static Launched launch(String... args) throws Exception {
        return Launched.run(Launched.ROOT, 300, args);
    }

    @Test
    void suggestOnTheReadmeExampleOffersAClosingTacticFirst() throws Exception {
        Launched run = launch("suggest", "examples/and_swap.lean:8:2", "--json");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertEquals("p q : Prop,\nh : p ∧ q\n⊢ q ∧ p", json.get("goal").asText());
        JsonNode first = json.get("suggestions").get(0);
        assertEquals("closes_goal", first.get("status").asText(), json.toString());
        // Whether the replays ran in the sandbox depends on the machine; the output says which.
        JsonNode sandbox = json.get("sandbox");
        assertTrue(sandbox.get("sandboxed").isBoolean(), json.toString());
        assertEquals(sandbox.get("sandboxed").asBoolean(), sandbox.get("description").asText().startsWith("sandboxed"), json.toString());
    }

    @Test
    void goalAndCheckAnswerLikeLean() throws Exception {
        Launched goal = launch("goal", "examples/and_swap.lean:8:2");
        assertEquals(0, goal.exitCode(), goal.stderr());
        assertEquals("p q : Prop,\nh : p ∧ q\n⊢ q ∧ p\n", goal.stdout());

        Launched check = launch("check", "examples/and_swap.lean");
        assertEquals(0, check.exitCode(), check.stderr());
        assertEquals("", check.stdout());
    }

    @Test
    void provePrintsAProofThatLeanAcceptsPastedIn() throws Exception {
        // The second exercise, after one whose sorry is still there: an earlier sorry must not spoil the verdict.
        Launched run = launch("prove", "examples/prove.lean:10:2", "--json", "--time", "120");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertTrue(json.get("proved").asBoolean(), json.toString());
        String proof = json.get("proof").asText();
        assertTrue(json.get("search").get("expansions").asInt() >= 1, json.toString());

        String source = java.nio.file.Files.readString(Launched.ROOT.resolve("examples/prove.lean"));
        int second = source.indexOf("sorry", source.indexOf("and_swap'"));
        String pasted = source.substring(0, second) + proof + source.substring(second + "sorry".length());
        Path file = java.nio.file.Files.createTempFile("prove-pasted", ".lean");
        try {
            java.nio.file.Files.writeString(file, pasted);
            Process lean = new ProcessBuilder(RealLean.installation().executable().toString(), file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(lean.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(lean.waitFor(120, TimeUnit.SECONDS));
            assertTrue(!output.contains("error"), output);
            // Only the exercises still left as sorry are reported as using one; the proved one is not.
            int stillSorry = pasted.split("\n  sorry\n", -1).length - 1;
            assertEquals(stillSorry, output.split("uses sorry", -1).length - 1, output);
            assertTrue(output.contains("'add_zero_all' uses sorry"), output);
            assertTrue(!output.contains("'and_swap'' uses sorry"), output);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void proveFindsATwoStepProof() throws Exception {
        Launched run = launch("prove", "examples/prove.lean:5:2", "--json", "--time", "120");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertEquals(2, json.get("steps").size(), json.toString());
        assertTrue(json.get("proof").asText().startsWith("intro"), json.toString());
    }

    @Test
    void verifyPrintsEachVerdict() throws Exception {
        Launched run = launch("verify", "examples/and_swap.lean:8:2", "exact ⟨h.2, h.1⟩", "exact h", "split", "sorry");
        assertEquals(0, run.exitCode(), run.stderr());
        String[] lines = run.stdout().split("\n");
        assertTrue(lines[0].startsWith("exact ⟨h.2, h.1⟩") && lines[0].endsWith("closes the goal"), run.stdout());
        assertTrue(lines[1].startsWith("split") && lines[1].contains("makes progress; 2 goals left"), run.stdout());
        assertTrue(lines[2].startsWith("exact h") && lines[2].contains("fails:"), run.stdout());
        assertTrue(lines[3].startsWith("sorry") && lines[3].contains("refused before Lean"), run.stdout());
        assertTrue(lines[4].startsWith("Replays: sandboxed") || lines[4].startsWith("Replays: not sandboxed"), run.stdout());
    }

    @Test
    void verifyWithTheSandboxOffSaysTheReplaysWereNotSandboxed() throws Exception {
        Launched run = launch("verify", "--sandbox", "off", "--json", "examples/and_swap.lean:8:2", "exact ⟨h.2, h.1⟩");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertEquals("closes_goal", json.get("results").get(0).get("status").asText(), json.toString());
        assertEquals(false, json.get("sandbox").get("sandboxed").asBoolean(), json.toString());
        assertTrue(json.get("sandbox").get("description").asText().contains("\"off\""), json.toString());
    }

    @Test
    void benchLspReportsBothSidesAndWhenSuggestionsCome() throws Exception {
        // Few pairs: this checks the figures are there and consistent, not how fast anything is.
        Launched run = launch("bench", "lsp", "--json", "--warm-up", "60", "-n", "20");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertEquals(20, json.get("iterations").asInt());
        assertEquals(60, json.get("warm_up_pairs").asInt());
        double raw = json.get("raw_goal_median_ms").asDouble();
        double hover = json.get("hover_median_ms").asDouble();
        assertTrue(raw > 0 && hover > 0, json.toString());
        assertEquals(hover / raw, json.get("hover_to_raw_ratio").asDouble(), 0.01, json.toString());
        assertEquals(50, json.get("fresh_jvm").get("pairs").asInt());
        String first = json.get("first_suggestion").asText();
        assertTrue(first.endsWith("closes the goal") || first.contains("makes progress"), json.toString());
        double firstMs = json.get("first_verified_suggestion_ms").asDouble();
        assertTrue(firstMs > 0 && firstMs <= json.get("all_candidates_judged_ms").asDouble(), json.toString());
        assertTrue(json.get("checkers_ready_ms").asDouble() > 0, json.toString());
    }

    @Test
    void benchLspOutsideAProofSaysSoAndFails() throws Exception {
        Launched run = launch("bench", "lsp", "examples/and_swap.lean:5:0", "--warm-up", "0", "-n", "1");
        assertEquals(1, run.exitCode(), run.stdout());
        assertTrue(run.stderr().contains("no goal to hover at"), run.stderr());
    }
}
