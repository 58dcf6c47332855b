package org.lean3assist.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.Completion;
import org.lean3assist.model.GenerationConfig;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelSettings;
import org.lean3assist.model.OnnxLanguageModel;
import org.lean3assist.model.TinyModel;

/** Batching, stops, limits, cancellation and n-best on the tiny model. */
class DecodeLoopTest {

    private static OnnxLanguageModel model;
    private static List<int[]> prompts;
    private static List<int[]> references;

    @BeforeAll
    static void load() {
        model = OnnxLanguageModel.load(ModelSettings.of(TinyModel.directory()).withIntraOpThreads(1));
        prompts = new ArrayList<>();
        references = new ArrayList<>();
        for (JsonNode referenceCase : TinyModel.reference().get("cases")) {
            prompts.add(TinyModel.ints(referenceCase.get("prompt_ids")));
            references.add(TinyModel.ints(referenceCase.get("greedy_ids")));
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static GenerationResult greedy(List<int[]> batch, int maxNewTokens) {
        return model.generator().generate(batch, GenerationRequest.greedy(batch.size(), maxNewTokens),
                CancelCheck.NEVER);
    }

    @Test
    void leftPaddedBatchEqualsSingleRuns() {
        // The reference prompts differ in length (the formalization prompt is the longest), so rows are padded.
        assertTrue(prompts.stream().mapToInt(p -> p.length).distinct().count() > 1);
        GenerationResult batched = greedy(prompts, 32);
        for (int row = 0; row < prompts.size(); row++) {
            int[] single = greedy(List.of(prompts.get(row)), 32).sequences().get(0).tokenIds();
            assertArrayEquals(single, batched.sequences().get(row).tokenIds(), "row " + row);
            assertArrayEquals(references.get(row), single, "row " + row);
        }
        int promptTokens = prompts.stream().mapToInt(p -> p.length).sum();
        assertEquals(promptTokens, batched.promptTokens());
        assertEquals(references.stream().mapToInt(r -> r.length).sum(), batched.generatedTokens());
    }

    @Test
    void leftPaddedBatchWithoutCacheEqualsTheCache() {
        GenerationRequest request = GenerationRequest.greedy(prompts.size(), 16);
        GenerationResult cached = model.generator().generate(prompts, request, CancelCheck.NEVER);
        GenerationResult recomputed = model.generator().generate(prompts, request.withoutCache(), CancelCheck.NEVER);
        for (int row = 0; row < prompts.size(); row++) {
            assertArrayEquals(recomputed.sequences().get(row).tokenIds(), cached.sequences().get(row).tokenIds());
        }
    }

    @Test
    void oneTokenPromptsWorkAloneAndInABatch() {
        int[] single = {3}; // <|im_start|>
        GenerationRequest request = GenerationRequest.greedy(1, 6).ignoringEos();
        int[] alone = model.generator().generate(List.of(single), request, CancelCheck.NEVER).sequences().get(0)
                .tokenIds();
        assertArrayEquals(model.generator().generate(List.of(single), request.withoutCache(), CancelCheck.NEVER)
                .sequences().get(0).tokenIds(), alone);
        GenerationResult batch = model.generator().generate(List.of(single, prompts.get(0)),
                GenerationRequest.greedy(2, 6).ignoringEos(), CancelCheck.NEVER);
        assertArrayEquals(alone, batch.sequences().get(0).tokenIds());
        assertArrayEquals(model.generator().generate(List.of(prompts.get(0)), request, CancelCheck.NEVER).sequences()
                .get(0).tokenIds(), batch.sequences().get(1).tokenIds());
    }

    @Test
    void maxNewTokensEndsTheSequence() {
        GeneratedSequence sequence = greedy(List.of(prompts.get(0)), 2).sequences().get(0);
        assertEquals(2, sequence.tokenIds().length);
        assertEquals(FinishReason.MAX_NEW_TOKENS, sequence.finishReason());
        assertArrayEquals(java.util.Arrays.copyOf(references.get(0), 2), sequence.tokenIds());
    }

    @Test
    void stopStringEndsTheSequenceAndIsCut() {
        String full = greedy(List.of(prompts.get(0)), 32).sequences().get(0).text();
        assertTrue(full.length() > 2, full);
        String stop = full.substring(full.length() - 2);
        GenerationRequest request = GenerationRequest.greedy(1, 32).withStopStrings(List.of(stop));
        GeneratedSequence sequence = model.generator().generate(List.of(prompts.get(0)), request, CancelCheck.NEVER)
                .sequences().get(0);
        assertEquals(FinishReason.STOP_STRING, sequence.finishReason());
        assertEquals(full.substring(0, full.indexOf(stop)), sequence.text());
    }

    @Test
    void stopTokenIdEndsTheSequence() {
        int[] reference = references.get(0);
        int secondToken = reference[1];
        GenerationRequest request = GenerationRequest.greedy(1, 32).withStopTokenIds(Set.of(secondToken));
        GeneratedSequence sequence = model.generator().generate(List.of(prompts.get(0)), request, CancelCheck.NEVER)
                .sequences().get(0);
        assertEquals(FinishReason.STOP_TOKEN, sequence.finishReason());
        assertArrayEquals(new int[] {reference[0], secondToken}, sequence.tokenIds());
        assertEquals(model.tokenizer().decode(new int[] {reference[0]}), sequence.text());
    }

    @Test
    void eosEndsTheSequenceWithoutAppearingInTheText() {
        GeneratedSequence sequence = greedy(List.of(prompts.get(0)), 32).sequences().get(0);
        int last = sequence.tokenIds()[sequence.tokenIds().length - 1];
        assertTrue(model.decoder().config().eosTokenIds().contains(last));
        assertFalse(sequence.text().contains("<|im_end|>"));
    }

    @Test
    void cancellationIsCheckedBetweenSteps() {
        AtomicInteger checks = new AtomicInteger();
        CancelCheck cancelOnThirdCheck = () -> checks.incrementAndGet() >= 3;
        GenerationResult result = model.generator().generate(List.of(prompts.get(1)), GenerationRequest.greedy(1, 32),
                cancelOnThirdCheck);
        GeneratedSequence sequence = result.sequences().get(0);
        assertEquals(FinishReason.CANCELLED, sequence.finishReason());
        // Check 1 before the prefill, checks 2 and 3 after the first and second token.
        assertEquals(2, sequence.tokenIds().length);
        assertArrayEquals(java.util.Arrays.copyOf(references.get(1), 2), sequence.tokenIds());
    }

    @Test
    void cancelledBeforeTheFirstStepRunsNothing() {
        GenerationResult result = model.generator().generate(List.of(prompts.get(0)), GenerationRequest.greedy(1, 8),
                () -> true);
        assertEquals(FinishReason.CANCELLED, result.sequences().get(0).finishReason());
        assertEquals(0, result.generatedTokens());
    }

    @Test
    void resultCarriesTimings() {
        GenerationResult result = greedy(List.of(prompts.get(0)), 32);
        assertTrue(result.timings().prefillNanos() > 0);
        assertEquals(references.get(0).length - 1, result.timings().decodeSteps());
    }

    @Test
    void nBestIsDistinctRankedAndReproducible() {
        String prompt = TinyModel.reference().get("cases").get(1).get("chat_prompt").asText();
        GenerationConfig config = GenerationConfig.defaults().withNumCandidates(6).withMaxNewTokens(24).withSeed(7);
        List<Completion> first = model.complete(prompt, config, CancelCheck.NEVER);
        List<Completion> again = model.complete(prompt, config, CancelCheck.NEVER);
        assertEquals(first, again);
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < first.size(); i++) {
            assertTrue(texts.add(first.get(i).text()), "duplicate " + first.get(i).text());
            if (i > 0) {
                assertTrue(first.get(i - 1).logProb() >= first.get(i).logProb());
            }
        }
        // With temperature 0 the first row is greedy, and the greedy answer is among the candidates.
        String greedyText = TinyModel.reference().get("cases").get(1).get("greedy_text").asText();
        assertTrue(texts.contains(greedyText), texts.toString());
        assertTrue(first.size() > 1, "sampling at temperature 1 should give more than one distinct candidate");
    }

    @Test
    void differentSeedsSampleDifferently() {
        String prompt = TinyModel.reference().get("cases").get(0).get("chat_prompt").asText();
        GenerationConfig config = GenerationConfig.defaults().withTemperature(3.0).withMaxNewTokens(12)
                .withNumCandidates(4);
        List<Completion> one = model.complete(prompt, config.withSeed(1), CancelCheck.NEVER);
        List<Completion> two = model.complete(prompt, config.withSeed(2), CancelCheck.NEVER);
        assertNotEquals(one, two);
    }

    @Test
    void samplersMustMatchPrompts() {
        assertThrows(IllegalArgumentException.class, () -> model.generator().generate(prompts,
                GenerationRequest.greedy(1, 4), CancelCheck.NEVER));
    }

    @Test
    void generationStateRejectsUseAfterClose() {
        GenerationState state = new GenerationState(model.decoder(), List.of(prompts.get(0)));
        state.prefill();
        state.close();
        assertThrows(ModelException.class, () -> state.step(new int[] {1}));
    }
}
