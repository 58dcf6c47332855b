package org.lean3assist.model.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lean3assist.model.BundledTinyModel;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelSettings;
import org.lean3assist.model.OnnxLanguageModel;
import org.lean3assist.model.generate.GenerationRequest;
import org.lean3assist.model.generate.GenerationResult;
import org.lean3assist.model.onnx.DecoderModel;
import org.lean3assist.model.onnx.ModelConfig;
import org.lean3assist.model.prompt.PromptProfile;
import org.lean3assist.model.prompt.PromptTask;
import org.lean3assist.model.tokenizer.Tokenizer;

/**
 * Measures the local backend. Every figure comes from the same run on the same token ids: first our decode loop
 * generates {@code newTokens} greedy tokens (EOS ignored); the bare baseline then feeds exactly those ids through
 * {@code OrtSession.run} with the cache fed back and nothing else; the no-cache run recomputes the whole prefix at
 * every step. Measurements are interleaved and the fastest repetition counts, which damps noise from other
 * processes.
 */
public final class ModelBench {

    private static final String STATE = "a b c d e : ℕ,\np q r : Prop,\nh₁ : a ≤ b,\nh₂ : b ≤ c,\nhp : p\n"
            + "⊢ a ≤ e ∧ p ∧ q ∧ r\n";

    private static final long AUTO_BUDGET_NANOS = 10_000_000_000L;
    private static final int MIN_AUTO_REPETITIONS = 3;
    private static final int MAX_AUTO_REPETITIONS = 30;

    private ModelBench() {
    }

    /**
     * Loads the model (the bundled tiny model unless the options name a directory), measures, and closes it.
     *
     * @throws org.lean3assist.model.ModelException when the model cannot be loaded or run
     */
    public static BenchResult run(BenchOptions options) {
        Path directory = options.modelDirectory() != null ? options.modelDirectory() : BundledTinyModel.extract();
        long loadStart = System.nanoTime();
        try (OnnxLanguageModel model = OnnxLanguageModel.load(new ModelSettings(directory, options.device(),
                options.intraOpThreads()))) {
            double loadMillis = (System.nanoTime() - loadStart) / 1e6;
            int[] prompt = benchPrompt(model.tokenizer(), options.promptTokens());
            GenerationRequest request = GenerationRequest.greedy(1, options.newTokens()).ignoringEos();
            long warmUpStart = System.nanoTime();
            GenerationResult warmUp = model.generator().generate(List.of(prompt), request, CancelCheck.NEVER);
            long warmUpNanos = System.nanoTime() - warmUpStart;
            int[] generated = warmUp.sequences().get(0).tokenIds();
            bare(model.decoder(), prompt, generated);

            long bestLoop = Long.MAX_VALUE;
            long bestBare = Long.MAX_VALUE;
            long bestNoCache = Long.MAX_VALUE;
            GenerationResult fastest = warmUp;
            int repetitions = options.repetitions() > 0 ? options.repetitions()
                    : (int) Math.max(MIN_AUTO_REPETITIONS, Math.min(MAX_AUTO_REPETITIONS,
                            AUTO_BUDGET_NANOS / Math.max(1, 2 * warmUpNanos)));
            for (int repetition = 0; repetition < repetitions; repetition++) {
                // Alternating which one goes first keeps a slow phase of the machine from favouring either.
                if (repetition % 2 == 1) {
                    bestBare = Math.min(bestBare, bare(model.decoder(), prompt, generated));
                }
                long start = System.nanoTime();
                GenerationResult result = model.generator().generate(List.of(prompt), request, CancelCheck.NEVER);
                long loop = System.nanoTime() - start;
                if (loop < bestLoop) {
                    bestLoop = loop;
                    fastest = result;
                }
                if (repetition % 2 == 0) {
                    bestBare = Math.min(bestBare, bare(model.decoder(), prompt, generated));
                }
                // Recomputing is slow on real models; two runs are enough to see its cost.
                if (repetition < 2) {
                    start = System.nanoTime();
                    model.generator().generate(List.of(prompt), request.withoutCache(), CancelCheck.NEVER);
                    bestNoCache = Math.min(bestNoCache, System.nanoTime() - start);
                }
            }
            String name = options.modelDirectory() != null ? model.info().name() : "bundled tiny model";
            return new BenchResult(name, model.decoder().device(), prompt.length, generated.length,
                    loadMillis, fastest.timings().prefillMillis(), fastest.timings().decodeTokensPerSecond(),
                    bestLoop / 1e6, bestBare / 1e6, 100.0 * (bestLoop - bestBare) / bestBare, bestNoCache / 1e6,
                    (double) bestNoCache / bestLoop);
        }
    }

    /** A tactic-state prompt in InternLM2 format, the state repeated until it has {@code length} tokens. */
    static int[] benchPrompt(Tokenizer tokenizer, int length) {
        StringBuilder state = new StringBuilder(STATE);
        int[] ids = tokenizer.encode(PromptProfile.INTERNLM2_MATH.prompt(PromptTask.NEXT_TACTIC, state.toString()));
        while (ids.length < length) {
            state.append(STATE);
            ids = tokenizer.encode(PromptProfile.INTERNLM2_MATH.prompt(PromptTask.NEXT_TACTIC, state.toString()));
        }
        // Keep the end of the prompt (the assistant turn), dropping the start of the repeated state if too long.
        return Arrays.copyOfRange(ids, ids.length - length, ids.length);
    }

    /**
     * The baseline: the same ONNX Runtime calls as our loop, feeding the given ids and the previous step's present
     * tensors; no sampling, no logits copied, no text decoded. Returns nanoseconds.
     */
    static long bare(DecoderModel decoder, int[] prompt, int[] generated) {
        ModelConfig config = decoder.config();
        OrtSession session = decoder.session();
        var environment = decoder.environment();
        long start = System.nanoTime();
        OrtSession.Result previous = null;
        try {
            Map<String, OnnxTensor> past = new HashMap<>();
            OnnxTensor[] empty = new OnnxTensor[2 * config.numLayers()];
            for (int layer = 0; layer < config.numLayers(); layer++) {
                empty[2 * layer] = decoder.emptyCache(1); // [1, kv_heads, 0, head_dim]
                empty[2 * layer + 1] = decoder.emptyCache(1);
                past.put(config.pastKeyName(layer), empty[2 * layer]);
                past.put(config.pastValueName(layer), empty[2 * layer + 1]);
            }
            // The same feeds as GenerationState: the prompt without its last token, then one token per step
            // (the prompt's last token, then every generated token but the last).
            List<long[]> feeds = new java.util.ArrayList<>();
            if (prompt.length > 1) {
                feeds.add(Arrays.stream(prompt, 0, prompt.length - 1).asLongStream().toArray());
            }
            feeds.add(new long[] {prompt[prompt.length - 1]});
            for (int i = 0; i + 1 < generated.length; i++) {
                feeds.add(new long[] {generated[i]});
            }
            long position = 0;
            int total = 0;
            for (long[] ids : feeds) {
                int seq = ids.length;
                total += seq;
                long[] positions = new long[seq];
                for (int i = 0; i < seq; i++) {
                    positions[i] = position++;
                }
                long[] mask = new long[total];
                Arrays.fill(mask, 1L);
                try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids),
                        new long[] {1, seq}); // [batch, seq]
                     OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask),
                             new long[] {1, total}); // [batch, past + seq]
                     OnnxTensor positionTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(positions),
                             new long[] {1, seq})) { // [batch, seq]
                    Map<String, OnnxTensor> inputs = new HashMap<>(past);
                    inputs.put(DecoderModel.INPUT_IDS, idsTensor);
                    inputs.put(DecoderModel.ATTENTION_MASK, maskTensor);
                    if (decoder.signature().hasPositionIds()) {
                        inputs.put(DecoderModel.POSITION_IDS, positionTensor);
                    }
                    OrtSession.Result result = session.run(inputs);
                    if (previous != null) {
                        previous.close();
                    }
                    previous = result;
                    for (int layer = 0; layer < config.numLayers(); layer++) {
                        past.put(config.pastKeyName(layer),
                                (OnnxTensor) result.get(config.presentKeyName(layer)).orElseThrow());
                        past.put(config.pastValueName(layer),
                                (OnnxTensor) result.get(config.presentValueName(layer)).orElseThrow());
                    }
                }
            }
            long elapsed = System.nanoTime() - start;
            for (OnnxTensor tensor : empty) {
                tensor.close();
            }
            return elapsed;
        } catch (OrtException e) {
            throw new ModelException(ModelException.Reason.INFERENCE_FAILED, "The bare baseline failed: "
                    + e.getMessage(), e);
        } finally {
            if (previous != null) {
                previous.close();
            }
        }
    }
}
