package org.lean3assist.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.model.ModelException.Reason;
import org.lean3assist.model.generate.FinishReason;
import org.lean3assist.model.generate.GeneratedSequence;
import org.lean3assist.model.generate.GenerationRequest;
import org.lean3assist.model.generate.GenerationResult;
import org.lean3assist.model.prompt.PromptProfile;
import org.lean3assist.model.prompt.PromptTask;

/**
 * The model-independent contract of the local backend, run on the tiny model and, when
 * {@code LEAN3ASSIST_MODEL_DIR} names one, on a real model directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DecoderSuite {

    private static final int NEW_TOKENS = 12;

    private OnnxLanguageModel model;
    private List<int[]> prompts;

    /** The directory under test. */
    abstract Path modelDirectory();

    /** The device setting under test; {@code LEAN3ASSIST_DEVICE} (cpu, cuda, auto) overrides CPU. */
    Device device() {
        String value = System.getenv("LEAN3ASSIST_DEVICE");
        return value == null || value.isBlank() ? Device.CPU : Device.parse(value);
    }

    @BeforeAll
    void load() {
        model = OnnxLanguageModel.load(ModelSettings.of(modelDirectory()).withDevice(device()));
        prompts = Stream.of("p q : Prop\n⊢ p ∧ q → q ∧ p", "n : ℕ\n⊢ 0 + n = n",
                        "p q : Prop,\nhp : p,\nhq : q\n⊢ q ∧ p ∧ p ∧ q")
                .map(state -> model.tokenizer().encode(PromptProfile.INTERNLM2_MATH.prompt(PromptTask.NEXT_TACTIC,
                        state)))
                .toList();
    }

    @AfterAll
    void close() {
        model.close();
    }

    private GenerationResult greedy(List<int[]> batch, GenerationRequest request) {
        return model.generator().generate(batch, request, CancelCheck.NEVER);
    }

    @Test
    void cacheEqualsRecomputation() {
        GenerationRequest request = GenerationRequest.greedy(1, NEW_TOKENS).ignoringEos();
        for (int[] prompt : prompts) {
            assertArrayEquals(greedy(List.of(prompt), request.withoutCache()).sequences().get(0).tokenIds(),
                    greedy(List.of(prompt), request).sequences().get(0).tokenIds());
        }
    }

    @Test
    void leftPaddedBatchEqualsSingleRuns() {
        assertTrue(prompts.stream().mapToInt(p -> p.length).distinct().count() > 1, "prompts of equal length");
        GenerationRequest request = GenerationRequest.greedy(prompts.size(), NEW_TOKENS).ignoringEos();
        GenerationResult batch = greedy(prompts, request);
        for (int row = 0; row < prompts.size(); row++) {
            int[] single = greedy(List.of(prompts.get(row)), GenerationRequest.greedy(1, NEW_TOKENS).ignoringEos())
                    .sequences().get(0).tokenIds();
            assertArrayEquals(single, batch.sequences().get(row).tokenIds(), "row " + row);
        }
    }

    @Test
    void sampleKeepsEverySampleWhereCompleteKeepsDistinctTexts() {
        // Top-k 1 makes every row the greedy one: four equal texts.
        GenerationConfig config = GenerationConfig.defaults().withTopK(1).withNumCandidates(4).withMaxNewTokens(8);
        String prompt = PromptProfile.INTERNLM2_MATH.prompt(PromptTask.NEXT_TACTIC, "p q : Prop\n⊢ p ∧ q → q ∧ p");
        List<Completion> samples = model.sample(prompt, config, CancelCheck.NEVER);
        assertEquals(4, samples.size());
        assertEquals(1, samples.stream().map(Completion::text).distinct().count(), samples.toString());
        assertEquals(1, model.complete(prompt, config, CancelCheck.NEVER).size());
    }

    @Test
    void stopStringCutsTheText() {
        GenerationRequest request = GenerationRequest.greedy(1, NEW_TOKENS).ignoringEos();
        String text = greedy(List.of(prompts.get(0)), request).sequences().get(0).text();
        if (text.length() < 2) {
            return; // Nothing to cut; the tiny model's suite covers this.
        }
        String stop = text.substring(text.length() / 2, text.length() / 2 + 1);
        GeneratedSequence stopped = greedy(List.of(prompts.get(0)), request.withStopStrings(List.of(stop)))
                .sequences().get(0);
        assertEquals(FinishReason.STOP_STRING, stopped.finishReason());
        assertEquals(text.substring(0, text.indexOf(stop)), stopped.text());
    }

    @Test
    void cancellationBetweenSteps() {
        AtomicInteger checks = new AtomicInteger();
        GeneratedSequence sequence = model.generator().generate(List.of(prompts.get(0)),
                GenerationRequest.greedy(1, NEW_TOKENS).ignoringEos(), () -> checks.incrementAndGet() > 4)
                .sequences().get(0);
        assertEquals(FinishReason.CANCELLED, sequence.finishReason());
        assertEquals(4, sequence.tokenIds().length);
    }

    @Test
    void maxNewTokens() {
        GeneratedSequence sequence = greedy(List.of(prompts.get(1)), GenerationRequest.greedy(1, 3).ignoringEos())
                .sequences().get(0);
        assertEquals(FinishReason.MAX_NEW_TOKENS, sequence.finishReason());
        assertEquals(3, sequence.tokenIds().length);
    }

    @Test
    void nBestIsDistinctAndRanked() {
        String prompt = PromptProfile.INTERNLM2_MATH.prompt(PromptTask.NEXT_TACTIC, "p q : Prop\n⊢ p ∧ q → q ∧ p");
        List<Completion> completions = model.complete(prompt,
                GenerationConfig.defaults().withNumCandidates(4).withMaxNewTokens(NEW_TOKENS), CancelCheck.NEVER);
        assertFalse(completions.isEmpty());
        assertEquals(completions.size(), completions.stream().map(Completion::text).distinct().count());
        for (int i = 1; i < completions.size(); i++) {
            assertTrue(completions.get(i - 1).logProb() >= completions.get(i).logProb());
        }
    }

    @Test
    void tokenizerOfAnotherModelIsRefused(@TempDir Path temp) throws IOException {
        Path directory = temp.resolve("mixed");
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(modelDirectory())) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("tokenizer.json")) {
                    Files.createSymbolicLink(directory.resolve(file.getFileName()), file.toAbsolutePath());
                }
            }
        }
        Files.writeString(directory.resolve("tokenizer.json"), wordLevelTokenizer(
                model.decoder().signature().logitsVocab() + OnnxLanguageModel.MAX_VOCAB_PADDING + 1));
        ModelException error = assertThrows(ModelException.class,
                () -> OnnxLanguageModel.load(ModelSettings.of(directory)));
        assertEquals(Reason.VOCABULARY_MISMATCH, error.reason());
    }

    @Test
    void closedModelRefusesWork() {
        OnnxLanguageModel second = OnnxLanguageModel.load(ModelSettings.of(modelDirectory()).withDevice(device()));
        second.close();
        assertEquals(Reason.CLOSED, assertThrows(ModelException.class,
                () -> second.complete("x", GenerationConfig.defaults(), CancelCheck.NEVER)).reason());
    }

    static String wordLevelTokenizer(int size) {
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < size; i++) {
            vocab.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":").append(i);
        }
        return """
                {"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,
                 "pre_tokenizer":{"type":"Whitespace"},"post_processor":null,"decoder":null,
                 "model":{"type":"WordLevel","vocab":{%s},"unk_token":"t1"}}
                """.formatted(vocab);
    }
}
