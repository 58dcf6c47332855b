package org.lean3assist.model.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputParsersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            intro h                                    | intro h
            intro h,                                   | intro h
            "  intro   h ,  "                          | intro h
            "intro h,\\nsplit,"                        | intro h
            "```lean\\nexact h.left,\\n```"            | exact h.left
            "begin\\n  split,\\n  exact hp\\nend"      | split
            exact ⟨h.2, h.1⟩,                          | exact ⟨h.2, h.1⟩
            "rw [nat.add_comm a b, ih], refl"          | rw [nat.add_comm a b, ih]
            "cases h with hp hq<|im_end|>"             | cases h with hp hq
            "assistant\\nsimp [list.length_append]"   | simp [list.length_append]
            """)
    void oneTactic(String output, String expected) {
        assertEquals(Optional.of(expected), OutputParsers.parseTactic(output.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p :=\\nbegin\\n  sorry\\nend" | theorem and_swap (p q : Prop) : p ∧ q → q ∧ p :=
            "```lean\\ntheorem t (n : ℕ) :\\n  n + 0 = n := by simp\\n```"               | theorem t (n : ℕ) : n + 0 = n :=
            "Here it is: lemma foo : 1 = 1"                                              | lemma foo : 1 = 1 :=
            """)
    void theoremStatement(String output, String expected) {
        assertEquals(Optional.of(expected), OutputParsers.parseTheoremStatement(output.replace("\\n", "\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""
            "<|im_end|>"
            "```\\n```"
            """)
    void nothingToParse(String output) {
        assertEquals(Optional.empty(), OutputParsers.parseTactic(output.replace("\\n", "\n")));
        assertEquals(Optional.empty(), OutputParsers.parseTheoremStatement(output.replace("\\n", "\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            " For all n, n + 0 = n.<|im_end|>" | For all n, n + 0 = n.
            """)
    void plainText(String output, String expected) {
        assertEquals(expected, OutputParsers.parseText(output));
    }
}
