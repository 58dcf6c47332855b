package org.lean3assist.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.ModelSettings;
import org.lean3assist.model.OnnxLanguageModel;
import org.lean3assist.model.TinyModel;

/** The tiny model under ONNX Runtime must reproduce the generator's PyTorch reference exactly. */
class TinyModelGoldenTest {

    private static OnnxLanguageModel model;

    @BeforeAll
    static void load() {
        model = OnnxLanguageModel.load(ModelSettings.of(TinyModel.directory()).withIntraOpThreads(1));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode referenceCase : TinyModel.reference().get("cases")) {
            cases.add(Arguments.of(referenceCase.get("prompt").asText().lines().findFirst().orElse(""),
                    referenceCase));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tokenizerGivesTheGeneratorsPromptIds(String title, JsonNode referenceCase) {
        assertArrayEquals(TinyModel.ints(referenceCase.get("prompt_ids")),
                model.tokenizer().encode(referenceCase.get("chat_prompt").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void greedyTokenIdsEqualTheReference(String title, JsonNode referenceCase) {
        int[] prompt = TinyModel.ints(referenceCase.get("prompt_ids"));
        GenerationResult result = model.generator().generate(List.of(prompt),
                GenerationRequest.greedy(1, TinyModel.reference().get("max_new_tokens").asInt()), CancelCheck.NEVER);
        GeneratedSequence sequence = result.sequences().get(0);
        assertArrayEquals(TinyModel.ints(referenceCase.get("greedy_ids")), sequence.tokenIds());
        assertEquals(referenceCase.get("greedy_text").asText(), sequence.text());
        assertEquals(FinishReason.STOP_TOKEN, sequence.finishReason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstStepLogProbabilitiesMatchTheReference(String title, JsonNode referenceCase) {
        int[] prompt = TinyModel.ints(referenceCase.get("prompt_ids"));
        try (GenerationState state = new GenerationState(model.decoder(), List.of(prompt))) {
            float[] logits = state.prefill()[0];
            for (JsonNode pair : referenceCase.get("first_step_top5")) {
                double expected = pair.get(1).asDouble();
                double actual = Generator.logProbability(logits, pair.get(0).asInt());
                assertEquals(expected, actual, 1e-3, "log-probability of token " + pair.get(0));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generationWithTheCacheEqualsGenerationWithout(String title, JsonNode referenceCase) {
        int[] prompt = TinyModel.ints(referenceCase.get("prompt_ids"));
        GenerationRequest request = GenerationRequest.greedy(1, 24);
        GeneratedSequence cached = model.generator().generate(List.of(prompt), request, CancelCheck.NEVER)
                .sequences().get(0);
        GeneratedSequence recomputed = model.generator().generate(List.of(prompt), request.withoutCache(),
                CancelCheck.NEVER).sequences().get(0);
        assertArrayEquals(recomputed.tokenIds(), cached.tokenIds());
        assertEquals(recomputed.logProb(), cached.logProb(), 1e-3);
    }

    @org.junit.jupiter.api.Test
    void theTinyModelSuggestsRealTactics() {
        long reproduced = 0;
        for (JsonNode referenceCase : TinyModel.reference().get("cases")) {
            if (referenceCase.get("greedy_text").asText().equals(referenceCase.get("training_answer").asText())) {
                reproduced++;
            }
        }
        // The generator reports how many training answers greedy decoding reproduces; most should be.
        assertTrue(reproduced >= 4, "only " + reproduced + " reference cases reproduce their training answer");
    }
}
