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

    /** One line; {@code |} is the cursor, {@code ^} the token Lean is asked about (none: Lean is not asked). */
    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = ';', value = {
        "example : true := by ^triv|ial",
        "example : true := by ^|trivial",
        "example : true := b|y trivial",
        "example : tr|ue := by trivial",
        "example (p q : Prop) (hp : p) (hq : q) : p ∧ q := ⟨by assumption, by { ^ex|act hq }⟩",
        "example (p q : Prop) (hp : p) (hq : q) : p ∧ q := ⟨by assumption, by { exact ^h|q }⟩",
        "example (𝕜 : ℕ) : 𝕜 + 0 = 𝕜 := by ^si|mp",
        "lemma a : true := by trivial  example : true := tri|vial",
    })
    void termModeTactic(String lineWithMarkers) {
        String text = lineWithMarkers.replace("|", "").replace("^", "");
        LeanPosition cursor = new LeanPosition(1, codePoints(lineWithMarkers.replace("^", ""), '|'));
        Optional<LeanPosition> expected = lineWithMarkers.contains("^")
                ? Optional.of(new LeanPosition(1, codePoints(lineWithMarkers.replace("|", ""), '^')))
                : Optional.empty();
        var converter = new org.lean3assist.bridge.text.PositionConverter(text);

        assertEquals(expected, TacticSite.termModeTactic(org.lean3assist.bridge.text.LeanScanner.scan(text), converter, cursor));
    }

    private static int codePoints(String line, char marker) {
        return line.codePointCount(0, line.indexOf(marker));
    }
}
