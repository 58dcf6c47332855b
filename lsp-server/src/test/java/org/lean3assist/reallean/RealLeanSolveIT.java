package org.lean3assist.reallean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.lean3assist.model.solve.SolutionParsers;

/**
 * {@code solve} through the real launcher, in a real mathlib project ({@code LEAN3ASSIST_MATHLIB}) on a real Lean 3:
 * with the tiny chain-of-thought solver, and, where {@code LEAN3ASSIST_MODEL_DIR} names a real model, a GSM8K-style
 * question solved and checked end to end.
 */
@EnabledIf(value = "org.lean3assist.reallean.RealLean#available", disabledReason = RealLean.SKIP_REASON)
class RealLeanSolveIT {

    private static Path mathlib() {
        Optional<Path> mathlib = Optional.ofNullable(System.getenv("LEAN3ASSIST_MATHLIB")).map(Path::of)
                .filter(project -> Files.isRegularFile(project.resolve("leanpkg.path")));
        if (mathlib.isEmpty()) {
            System.err.println("[real-lean] SKIPPING solve in a mathlib project: set LEAN3ASSIST_MATHLIB to a built mathlib project");
        }
        Assumptions.assumeTrue(mathlib.isPresent(), "LEAN3ASSIST_MATHLIB names no built mathlib project");
        return mathlib.get();
    }

    @Test
    void theTinySolversStepsGetLeansVerdictsInAMathlibProject() throws Exception {
        Path tiny = Launched.ROOT.resolve("model/src/test/resources/tiny-solver/mammoth");
        Launched run = Launched.run(mathlib(), 900, "solve", "Dev buys 14 bags with 3 coins in each bag. How many coins does Dev buy?",
                "--model", tiny.toString(), "--profile", "mammoth", "-n", "2", "--json");
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertEquals("chain-of-thought", json.get("mode").asText(), run.stderr());
        JsonNode sample = json.get("solutions").get(0);
        assertTrue(sample.get("claims").size() > 0, run.stdout());
        for (JsonNode claim : sample.get("claims")) {
            boolean holds = SolutionParsers.claims(claim.get("claim").asText()).get(0).arithmeticHolds();
            assertEquals(holds ? "proved" : "refuted", claim.get("verdict").asText(), claim.toString());
        }
        String status = json.get("status").asText();
        assertEquals(status.equals("checked") ? 0 : 1, run.exitCode(), run.stderr());
        assertTrue(json.get("confinement").asText().startsWith("sandboxed"), json.get("confinement").asText());
    }

    @Test
    void aRealModelSolvesAGsm8kStyleQuestionAndLeanChecksIt() throws Exception {
        String model = System.getenv("LEAN3ASSIST_MODEL_DIR");
        if (model == null || model.isBlank()) {
            System.err.println("[real-model] SKIPPING the end-to-end solve: LEAN3ASSIST_MODEL_DIR is not set");
        }
        Assumptions.assumeTrue(model != null && !model.isBlank(), "LEAN3ASSIST_MODEL_DIR is not set");
        String profile = Optional.ofNullable(System.getenv("LEAN3ASSIST_MODEL_PROFILE")).orElse("mammoth");
        Launched run = Launched.run(mathlib(), 900, "solve", "Natalia sold clips to 48 of her friends in April, and then she sold half "
                + "as many clips in May. How many clips did Natalia sell altogether in April and May?",
                "--model", model, "--profile", profile, "-n", "4", "--json");
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertEquals("72", SolutionParsers.answerKey(json.get("answer").asText()), run.stdout());
        assertEquals("checked", json.get("status").asText(), json.get("why").asText());
        assertEquals(0, run.exitCode(), run.stderr());
    }
}
