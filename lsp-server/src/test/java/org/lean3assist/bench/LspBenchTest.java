package org.lean3assist.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.text.LeanPosition;

/** The bench's arithmetic and report; running it needs a real Lean (see RealLeanCliIT). */
class LspBenchTest {

    private static LspBench.Result result(Optional<LspBench.Medians> fresh) {
        return new LspBench.Result("f.lean", 8, 2, 2000, LspBench.Medians.of(List.of(2.0, 4.0, 3.0), List.of(3.3, 3.0, 3.6)),
                fresh, 2400.0, 350.4, "`split` — makes progress; 2 goals left", 980.0);
    }

    @Test
    void mediansPairUpAndTheRatioIsHoverOverRaw() {
        var medians = LspBench.Medians.of(List.of(2.0, 4.0, 3.0, 5.0), List.of(3.0, 5.0, 4.0, 6.0));
        assertEquals(4, medians.pairs());
        assertEquals(3.5, medians.rawGoalMs());
        assertEquals(4.5, medians.hoverMs());
        assertEquals(4.5 / 3.5, medians.ratio(), 1e-9);
    }

    @Test
    void theReportCarriesTheWarmFiguresAndTheFreshOnesOnlyWhenMeasured() {
        var withFresh = result(Optional.of(LspBench.Medians.of(List.of(4.0), List.of(6.0))));
        String text = withFresh.toString();
        assertTrue(text.contains("after 2000 warm-up pairs, 3 pairs"), text);
        assertTrue(text.contains("hover / raw:                   1.10"), text);
        assertTrue(text.contains("fresh JVM, first 1 pairs:     raw 4.00 ms, hover 6.00 ms, hover / raw 1.50"), text);
        Map<String, Object> json = withFresh.toJson();
        assertEquals(1.1, json.get("hover_to_raw_ratio"));
        assertEquals(1.5, ((Map<?, ?>) json.get("fresh_jvm")).get("hover_to_raw_ratio"));
        assertTrue(text.contains("first verified suggestion:     350 ms after the first hover (`split` — makes progress; 2 goals left)"), text);
        assertTrue(text.contains("every candidate judged:        980 ms"), text);
        assertTrue(text.contains("checkers ready:                2400 ms after the file was opened"), text);
        assertEquals(2400.0, json.get("checkers_ready_ms"));
        assertEquals(980.0, json.get("all_candidates_judged_ms"));

        var withoutFresh = result(Optional.empty());
        assertFalse(withoutFresh.toString().contains("fresh JVM"));
        assertNull(withoutFresh.toJson().get("fresh_jvm"));
        assertTrue(withoutFresh.toJson().containsKey("fresh_jvm"), "the key is there, null, so readers need no special case");
    }

    @Test
    void nonsenseCountsAreRefused() {
        Path file = Path.of("f.lean");
        LeanPosition at = new LeanPosition(8, 2);
        assertThrows(IllegalArgumentException.class, () -> new LspBench.Options(file, at, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new LspBench.Options(file, at, 10, -1));
        assertEquals(0, new LspBench.Options(file, at, 1, 0).warmUp());
    }
}
