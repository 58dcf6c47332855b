package org.lean3assist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.engine.EngineParts;
import org.lean3assist.engine.LeanStarter;
import org.lean3assist.model.BundledTinyModel;

/** {@code solve} on the command line: its usage errors, its text and JSON, and a model that states no answer. */
class SolveCommandTest {

    private static final String TINY_SOLVER = Path.of("..", "model", "src", "test", "resources", "tiny-solver", "mammoth")
            .toAbsolutePath().normalize().toString();

    /** A machine without Lean: nothing can be checked, and the answer must say so. */
    private static EngineParts withoutLean() {
        return EngineParts.product().withLean(new LeanStarter() {
            @Override
            public LeanServer start(Path projectRoot, LeanBridgeSettings settings) throws LeanNotFoundException {
                throw new LeanNotFoundException(List.of("LEAN3_HOME: unset (the test says so)"));
            }

            @Override
            public CheckerPool checkers(Path projectRoot, LeanBridgeSettings settings) throws LeanNotFoundException {
                throw new LeanNotFoundException(List.of("LEAN3_HOME: unset (the test says so)"));
            }
        });
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        var blank = CommandLineRun.of(withoutLean(), "solve", "  ", "--model", TINY_SOLVER, "--profile", "mammoth");
        assertEquals(2, blank.exitCode(), blank.err());
        assertTrue(blank.err().contains("the question is empty"), blank.err());
        var noSamples = CommandLineRun.of(withoutLean(), "solve", "q", "-n", "0", "--model", TINY_SOLVER, "--profile", "mammoth");
        assertEquals(2, noSamples.exitCode(), noSamples.err());
        assertTrue(noSamples.err().contains("samples must be 1 to 64"), noSamples.err());
        var badProfile = CommandLineRun.of(withoutLean(), "solve", "q", "--model", TINY_SOLVER, "--profile", "gpt");
        assertEquals(2, badProfile.exitCode(), badProfile.err());
        assertTrue(badProfile.err().contains("Unknown prompt profile 'gpt'"), badProfile.err());
    }

    @Test
    void anUncheckedAnswerIsPrintedAsSuchAndExitsWithOne() throws Exception {
        var text = CommandLineRun.of(withoutLean(), "solve", "Eli has 17 pens. Eli gets 4 more pens. How many pens does Eli have now?",
                "--model", TINY_SOLVER, "--profile", "mammoth", "-n", "2");
        assertEquals(1, text.exitCode(), text.err());
        assertTrue(text.out().contains("--- solution 1 of 2 (answer "), text.out());
        assertTrue(text.out().contains("[unchecked] "), text.out());
        assertTrue(text.out().contains("Lean: arithmetic not checked: no Lean 3 was found"), text.out());
        assertTrue(text.out().lines().anyMatch(line -> line.startsWith("Answer: ") && line.endsWith("[unchecked]")), text.out());

        var json = CommandLineRun.of(withoutLean(), "solve", "Eli has 17 pens. Eli gets 4 more pens. How many pens does Eli have now?",
                "--model", TINY_SOLVER, "--profile", "mammoth", "-n", "2", "--json");
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertEquals("unchecked", result.get("status").asText());
        assertEquals("chain-of-thought", result.get("mode").asText());
        assertEquals(2, result.get("solutions").size());
        assertEquals("unchecked", result.get("solutions").get(0).get("claims").get(0).get("verdict").asText());
    }

    @Test
    void aModelThatWritesNoAnswerIsAClearError() {
        var run = CommandLineRun.of(withoutLean(), "solve", "Ana has 3 apples and buys 2. How many?", "--model",
                BundledTinyModel.extract().toString(), "--profile", "mammoth", "-n", "1");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("No answer."), run.out());
        assertTrue(run.err().contains("lean3-assist: no answer: no solution states an answer"), run.err());
    }
}
