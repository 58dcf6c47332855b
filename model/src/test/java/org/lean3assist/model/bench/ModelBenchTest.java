package org.lean3assist.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lean3assist.model.BundledTinyModel;

/** The bench runs on the bundled tiny model and reports every figure; no timing thresholds are asserted. */
class ModelBenchTest {

    @Test
    void benchReportsAllFiguresAsTextAndJson() throws Exception {
        BenchResult result = ModelBench.run(BenchOptions.defaults().withPromptTokens(32).withNewTokens(16)
                .withRepetitions(1).withIntraOpThreads(1));
        assertEquals(32, result.promptTokens());
        assertEquals(16, result.newTokens());
        assertEquals("cpu", result.device());
        assertTrue(result.prefillMillis() > 0 && result.loopMillis() > 0 && result.bareMillis() > 0);
        assertTrue(result.decodeTokensPerSecond() > 0 && result.cacheSpeedup() > 0);
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        for (String field : new String[] {"prefillMs", "decodeTokensPerSecond", "loopMs", "bareOrtMs",
                "overheadPercent", "noCacheMs", "cacheSpeedup", "overheadGoalMet", "cacheSpeedupGoalMet"}) {
            assertTrue(json.has(field), field);
        }
        assertTrue(result.toString().contains("KV cache speed-up"), result.toString());
    }

    @Test
    void bundledTinyModelIsExtractable() {
        assertTrue(java.nio.file.Files.isRegularFile(BundledTinyModel.extract().resolve("model.onnx")));
    }
}
