package org.lean3assist.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.text.LeanPosition;

class PoolBenchResultTest {

    private static final PoolBenchResult RESULT = new PoolBenchResult("Lean (version 3.51.1, Release)", 2, List.of(
            new PoolBenchResult.Row("core", 1, 16, 70, 1000, 4000, Map.of("INVALID", 16), List.of(74L), List.of(75L)),
            new PoolBenchResult.Row("core", 2, 16, 60, 900, 2400, Map.of("INVALID", 16), List.of(73L, 73L), List.of(74L, 74L)),
            new PoolBenchResult.Row("mathlib", 2, 16, 5000, 2500, 18000, Map.of("CLOSES_GOAL", 16), List.of(), List.of())));

    @Test
    void ratiosAreAgainstPoolSizeOneOfTheSameFileAndOnlyWhereThereIsOne() {
        String json = RESULT.toJson();

        assertTrue(json.contains("{\"kind\":\"core\",\"pool_size\":2,\"candidates\":16,\"warm_up_ms\":60,"
                + "\"first_verdict_ms\":900,\"all_verdicts_ms\":2400,\"first_vs_pool_1\":0.9,\"all_vs_pool_1\":0.6,"
                + "\"verdicts\":{\"INVALID\":16},\"rss_mb\":[73,73],\"peak_rss_mb\":[74,74]}"), json);
        assertTrue(json.contains("{\"kind\":\"mathlib\",\"pool_size\":2,\"candidates\":16,\"warm_up_ms\":5000,"
                + "\"first_verdict_ms\":2500,\"all_verdicts_ms\":18000,\"verdicts\""), "no mathlib baseline, no ratio: " + json);
        assertTrue(json.startsWith("{\"lean_version\":\"Lean (version 3.51.1, Release)\",\"cores\":2,\"pools\":["), json);
    }

    @Test
    void theTextHasOneLinePerConfiguration() {
        List<String> lines = RESULT.toText().lines().toList();

        assertEquals(3 + 3, lines.size(), RESULT.toText());
        assertTrue(lines.get(4).matches("core\\s+2\\s+60\\s+900\\s+0\\.90x\\s+2400\\s+0\\.60x\\s+\\[73, 73] \\(146\\)\\s+\\{INVALID=16}"),
                lines.get(4));
        assertTrue(lines.get(5).contains(" n/a "), lines.get(5));
    }

    @Test
    void theSiteIsTheFirstTacticOfTheBlockWithOrWithoutTheMathlibImport() {
        String core = BridgeBench.resource("pool_site.lean");

        assertEquals(new LeanPosition(6, 2), PoolBench.site(core));
        assertEquals(new LeanPosition(8, 2), PoolBench.site(PoolBench.MATHLIB_IMPORT + core));
        assertEquals(16, BridgeBench.resource("pool_candidates.txt").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).count());
    }
}
