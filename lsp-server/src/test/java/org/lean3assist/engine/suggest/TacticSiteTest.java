package org.lean3assist.engine.suggest;

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
        var marked = Marked.line(3, lineWithMarkers);
        String text = PROOF.formatted(marked.text());

        assertEquals(marked.expected(), TacticSite.at(text, marked.cursor()).map(TacticSite::start));
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
        var marked = Marked.line(1, lineWithMarkers);
        String text = marked.text();
        var converter = new org.lean3assist.bridge.text.PositionConverter(text);

        assertEquals(marked.expected(),
                TacticSite.termModeTactic(org.lean3assist.bridge.text.LeanScanner.scan(text), converter, marked.cursor()));
    }

    /** A line of a case without its markers, the cursor at {@code |} and the expected position at {@code ^}, if any. */
    private record Marked(String text, LeanPosition cursor, Optional<LeanPosition> expected) {
        static Marked line(int line, String withMarkers) {
            LeanPosition cursor = new LeanPosition(line, codePoints(withMarkers.replace("^", ""), '|'));
            Optional<LeanPosition> expected = withMarkers.contains("^")
                    ? Optional.of(new LeanPosition(line, codePoints(withMarkers.replace("|", ""), '^')))
                    : Optional.empty();
            return new Marked(withMarkers.replace("|", "").replace("^", ""), cursor, expected);
        }

        private static int codePoints(String line, char marker) {
            return line.codePointCount(0, line.indexOf(marker));
        }
    }
}
