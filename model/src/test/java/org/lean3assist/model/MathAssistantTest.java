package org.lean3assist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lean3assist.model.prompt.PromptProfile;

/** End to end on the tiny model: real tactic states from the shared corpus in, real tactics out. */
class MathAssistantTest {

    private static OnnxLanguageModel model;
    private static MathAssistant assistant;

    @BeforeAll
    static void load() {
        model = OnnxLanguageModel.load(ModelSettings.of(TinyModel.directory()).withIntraOpThreads(1));
        assistant = new MathAssistant(model, PromptProfile.INTERNLM2_MATH,
                GenerationConfig.defaults().withMaxNewTokens(32));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void suggestsTheTacticThatFollowedInTheSource() {
        List<TacticSuggestion> suggestions = assistant.suggestTactics("p q : Prop\n⊢ p ∧ q → q ∧ p", 1,
                CancelCheck.NEVER);
        assertEquals("intro h", suggestions.get(0).tactic());
    }

    @Test
    void suggestionsAreDistinctAndRanked() {
        List<TacticSuggestion> suggestions = assistant.suggestTactics(
                "p q : Prop,\nhp : p,\nhq : q\n⊢ q ∧ p", 5, CancelCheck.NEVER);
        assertFalse(suggestions.isEmpty());
        assertEquals(suggestions.size(), new HashSet<>(suggestions.stream().map(TacticSuggestion::tactic).toList())
                .size());
        for (int i = 1; i < suggestions.size(); i++) {
            assertTrue(suggestions.get(i - 1).logProb() >= suggestions.get(i).logProb());
        }
        for (TacticSuggestion suggestion : suggestions) {
            assertFalse(suggestion.tactic().endsWith(","), suggestion.tactic());
            assertFalse(suggestion.tactic().contains("<|im_end|>"), suggestion.tactic());
        }
    }

    @Test
    void formalizesATrainedStatement() {
        List<String> statements = assistant.formalize("For propositions p and q, p and q implies q and p.", 1,
                CancelCheck.NEVER);
        assertEquals(List.of("theorem and_swap_ex (p q : Prop) : p ∧ q → q ∧ p :="), statements);
    }

    @Test
    void informalizeReturnsText() {
        // The tiny model was not trained on this task; it must still come back as parsed text without chat tokens.
        String text = assistant.informalize("theorem add_zero_ex (n : ℕ) : n + 0 = n :=", CancelCheck.NEVER);
        assertFalse(text.contains("<|im"), text);
    }

    @Test
    void cancelledMidwayGivesNoHalfTactics() {
        int[] checks = {0};
        assertTrue(assistant.suggestTactics("p q : Prop\n⊢ p ∧ q → q ∧ p", 2, () -> ++checks[0] > 2).isEmpty());
    }

    @Test
    void cancelledRequestReturnsNoSuggestionsWithoutRunningTheModel() {
        assertTrue(assistant.suggestTactics("⊢ true", 3, () -> true).isEmpty());
    }
}
