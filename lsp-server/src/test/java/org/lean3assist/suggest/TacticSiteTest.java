package org.lean3assist.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lean3assist.bridge.text.LeanPosition;

/** Cases are written with {@code |} for the cursor and {@code ^} for the expected site (none: no site). */
class TacticSiteTest {

    private static final String PROOF = """
            theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q :=
            begin
            %s
            end
            """;

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = ';', value = {
        "  ^spl|it;",
        "  ^split,|",
        "  split, ^exact| hp",
        "|  ^split",
        "  ^{ exact hp,| exact hq }",
        "  ^exact ⟨hp,| hq⟩",
        "  /- 𝓝 -/ split, /- 𝔽 -/ ^exact| hp",
        "  -- only a comment|",
    })
    void check(String lineWithMarkers) {
        String withoutMarkers = lineWithMarkers.replace("|", "").replace("^", "");
        String text = PROOF.formatted(withoutMarkers);
        LeanPosition cursor = new LeanPosition(3, codePoints(lineWithMarkers.replace("^", ""), '|'));
        Optional<LeanPosition> expected = lineWithMarkers.contains("^")
                ? Optional.of(new LeanPosition(3, codePoints(lineWithMarkers.replace("|", ""), '^')))
                : Optional.empty();

        assertEquals(expected, TacticSite.at(text, cursor).map(TacticSite::start));
    }

    @ParameterizedTest
    @CsvSource({"2, 3", "4, 0", "1, 5"})
    void theBeginAndEndLinesAndTheStatementHaveNoSite(int line, int column) {
        assertEquals(Optional.empty(), TacticSite.at(PROOF.formatted("  split"), new LeanPosition(line, column)));
    }

    private static int codePoints(String line, char marker) {
        return line.codePointCount(0, line.indexOf(marker));
    }
}
