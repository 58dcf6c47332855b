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
    void piecesOfASetAreDisjointAndCoverIt() {
        java.util.function.BiFunction<Integer, Integer, List<Integer>> taken = (skip, limit) ->
                java.util.stream.IntStream.range(0, 180).filter(i -> SearchBench.inShard(i, skip, limit)).boxed().toList();

        assertEquals(java.util.stream.IntStream.range(0, 180).boxed().toList(), taken.apply(0, 0));
        assertEquals(List.of(0, 1, 2), taken.apply(0, 3));
        assertEquals(java.util.stream.IntStream.range(151, 180).boxed().toList(), taken.apply(151, 0));
        assertEquals(List.of(90, 91), taken.apply(90, 2));
        var pieces = new java.util.ArrayList<>(taken.apply(0, 90));
        pieces.addAll(taken.apply(90, 0));
        assertEquals(taken.apply(0, 0), pieces);
        assertEquals(List.of(), taken.apply(200, 5));
    }

    @Test
    void reportsPercentilesAndTheBestSingleTactic() throws Exception {
        var theorems = List.of(theorem(true, 1000, List.of("norm_num", "linarith")), theorem(false, 60000, List.of()),
                theorem(true, 3000, List.of("linarith")), theorem(false, 60000, List.of()));
        var result = new SearchBench.Result(theorems, java.util.Map.of("norm_num", 1, "linarith", 2), 700, 1, 3);

        assertEquals(2, result.solved());
        assertEquals(3000, result.percentileMillis(50));
        assertEquals(60000, result.percentileMillis(90));
        assertEquals("linarith", result.bestSingle().orElseThrow().getKey());
        assertEquals(1, result.tidySolved());
        // --json writes it: every field a plain value (an Optional would fail Jackson at the end of a long run).
        String json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.toJson());
        assertEquals(true, json.contains("\"proof\" : null"), json);
        assertEquals(true, json.contains("\"notAttempted\" : 3"), json);
        assertEquals(true, result.toText().contains("not attempted: 3 theorems whose proof has no sorry"), result.toText());
    }

    /** A miniF2F-like file: one theorem to prove, two with proofs, one in a namespace, a def and a term-mode proof. */
    private static final String WITH_PROOFS = String.join("\n",
            "theorem open_one (a : ℕ) (h : a = 2) : a + a = 4 :=",
            "begin",
            "  sorry",
            "end",
            "",
            "namespace ns",
            "lemma proved_two (a : ℕ) : a + 0 = a :=",
            "begin",
            "  cases a,",
            "  { refl },",
            "  { begin simp end },",
            "end",
            "end ns",
            "",
            "theorem proved_three : (2 : ℕ) + 2 = 4 :=",
            "begin",
            "  norm_num, -- not sorry: this comment says sorry",
            "end",
            "",
            "def not_a_theorem : ℕ := begin exact 1 end",
            "theorem term_mode : true := trivial",
            "");

    @Test
    void countsTheTheoremsThatAlreadyHaveAProofAndCanAttemptThemAsSorry() {
        assertEquals(List.of("open_one"), SearchBench.targets(WITH_PROOFS).stream().map(SearchBench.Target::name).toList());
        assertEquals(2, SearchBench.provedInText(WITH_PROOFS));

        String reproved = SearchBench.withProofsAsSorry(WITH_PROOFS);

        assertEquals(List.of("open_one", "proved_two", "proved_three"),
                SearchBench.targets(reproved).stream().map(SearchBench.Target::name).toList());
        assertEquals(0, SearchBench.provedInText(reproved));
        // The statements, the namespace, the def and the term-mode proof are as written; no proof text is left.
        assertEquals(true, reproved.contains("namespace ns\nlemma proved_two (a : ℕ) : a + 0 = a :=\nbegin\n  sorry\nend\nend ns"),
                reproved);
        assertEquals(true, reproved.contains("def not_a_theorem : ℕ := begin exact 1 end\ntheorem term_mode : true := trivial"),
                reproved);
        assertEquals(false, reproved.contains("cases a") || reproved.contains("norm_num"), reproved);
        // Emptying what is already empty changes nothing.
        assertEquals(reproved, SearchBench.withProofsAsSorry(reproved));
    }

    private static SearchBench.Theorem theorem(boolean proved, long millis, List<String> closing) {
        return new SearchBench.Theorem("f.lean", "t", 1, proved, java.util.Optional.empty(), millis, 1, 1, closing,
                java.util.Optional.of(proved && millis < 2000), proved ? "proved" : "time", "session");
    }
}
