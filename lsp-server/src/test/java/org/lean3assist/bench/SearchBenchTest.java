package org.lean3assist.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.text.LeanPosition;

class SearchBenchTest {

    @Test
    void findsTheFirstSorryOfEachTacticBlockWithItsDeclaration() {
        String text = String.join("\n",
                "theorem one (p : Prop) (h : p) : p :=",
                "begin",
                "  sorry",
                "end",
                "",
                "lemma two : 1 + 1 = 2 :=",
                "begin",
                "  norm_num, sorry, sorry",
                "end",
                "",
                "theorem three : true := sorry",
                "-- sorry in a comment",
                "");

        List<SearchBench.Target> targets = SearchBench.targets(text);

        assertEquals(List.of(new SearchBench.Target("one", new LeanPosition(3, 2)),
                new SearchBench.Target("two", new LeanPosition(8, 12))), targets);
    }

    @Test
    void reportsPercentilesAndTheBestSingleTactic() throws Exception {
        var theorems = List.of(theorem(true, 1000, List.of("norm_num", "linarith")), theorem(false, 60000, List.of()),
                theorem(true, 3000, List.of("linarith")), theorem(false, 60000, List.of()));
        var result = new SearchBench.Result(theorems, java.util.Map.of("norm_num", 1, "linarith", 2), 700, 1);

        assertEquals(2, result.solved());
        assertEquals(3000, result.percentileMillis(50));
        assertEquals(60000, result.percentileMillis(90));
        assertEquals("linarith", result.bestSingle().orElseThrow().getKey());
        assertEquals(1, result.tidySolved());
        // --json writes it: every field a plain value (an Optional would fail Jackson at the end of a long run).
        String json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.toJson());
        assertEquals(true, json.contains("\"proof\" : null"), json);
    }

    private static SearchBench.Theorem theorem(boolean proved, long millis, List<String> closing) {
        return new SearchBench.Theorem("f.lean", "t", 1, proved, java.util.Optional.empty(), millis, 1, 1, closing,
                java.util.Optional.of(proved && millis < 2000), proved ? "proved" : "time", "session");
    }
}
