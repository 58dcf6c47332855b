package org.lean3assist.model.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.onnx.DecoderModel;
import org.lean3assist.model.tokenizer.StreamingDecoder;
import org.lean3assist.model.tokenizer.Tokenizer;

/**
 * The decode loop over a batch of prompts: prefill, then one step per new token, each row sampled by its own
 * {@link Sampler}, until every row has stopped. Cancellation is checked before every forward step.
 */
public final class Generator {

    private final DecoderModel model;
    private final Tokenizer tokenizer;

    public Generator(DecoderModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /**
     * Generates one continuation per prompt.
     *
     * @param prompts token ids per row; rows may differ in length (they are left-padded)
     * @param request one sampler per row, limits and stops
     * @param cancel  checked before each forward step; a cancelled call returns what it has, marked CANCELLED
     */
    public GenerationResult generate(List<int[]> prompts, GenerationRequest request, CancelCheck cancel) {
        if (request.samplers().size() != prompts.size()) {
            throw new IllegalArgumentException(request.samplers().size() + " samplers for " + prompts.size()
                    + " prompts");
        }
        int batch = prompts.size();
        Set<Integer> stopIds = request.ignoreEos() ? new HashSet<>() : new HashSet<>(model.config().eosTokenIds());
        stopIds.addAll(request.stopTokenIds());
        Row[] rows = new Row[batch];
        int promptTokens = 0;
        for (int r = 0; r < batch; r++) {
            rows[r] = new Row(new StreamingDecoder(tokenizer));
            promptTokens += prompts.get(r).length;
        }
        long start = System.nanoTime();
        long prefillNanos = 0;
        int decodeSteps = 0;
        try (GenerationState state = request.useCache() ? new GenerationState(model, prompts) : null) {
            if (cancel.isCancelled()) {
                return finish(rows, FinishReason.CANCELLED, promptTokens, new Timings(0, 0, 0));
            }
            float[][] logits = request.useCache() ? state.prefill() : recompute(prompts, rows);
            for (int produced = 0; ; produced++) {
                int[] next = new int[batch];
                for (int r = 0; r < batch; r++) {
                    Row row = rows[r];
                    if (row.finish != null) {
                        next[r] = model.config().padTokenId();
                        continue;
                    }
                    int token = request.samplers().get(r).sample(logits[r]);
                    next[r] = token;
                    row.accept(token, logProbability(logits[r], token), stopIds, request.stopStrings());
                    if (row.finish == null && produced + 1 >= request.maxNewTokens()) {
                        row.finish = FinishReason.MAX_NEW_TOKENS;
                    }
                }
                if (produced == 0) {
                    prefillNanos = System.nanoTime() - start;
                }
                if (Arrays.stream(rows).allMatch(row -> row.finish != null)) {
                    break;
                }
                if (cancel.isCancelled()) {
                    for (Row row : rows) {
                        if (row.finish == null) {
                            row.finish = FinishReason.CANCELLED;
                        }
                    }
                    break;
                }
                logits = request.useCache() ? state.step(next) : recompute(prompts, rows);
                decodeSteps++;
            }
        }
        long total = System.nanoTime() - start;
        return finish(rows, null, promptTokens, new Timings(prefillNanos, total - prefillNanos, decodeSteps));
    }

    /** Without a cache: runs each row's prompt plus everything generated so far, from scratch. */
    private float[][] recompute(List<int[]> prompts, Row[] rows) {
        List<int[]> sequences = new ArrayList<>();
        for (int r = 0; r < prompts.size(); r++) {
            int[] prompt = prompts.get(r);
            int[] generated = rows[r].allFedTokens();
            int[] sequence = Arrays.copyOf(prompt, prompt.length + generated.length);
            System.arraycopy(generated, 0, sequence, prompt.length, generated.length);
            sequences.add(sequence);
        }
        try (GenerationState fresh = new GenerationState(model, sequences)) {
            return fresh.prefill(false);
        }
    }

    private GenerationResult finish(Row[] rows, FinishReason forced, int promptTokens, Timings timings) {
        List<GeneratedSequence> sequences = new ArrayList<>();
        int generated = 0;
        for (Row row : rows) {
            FinishReason reason = forced != null ? forced : row.finish;
            int[] ids = row.tokenIds();
            generated += ids.length;
            sequences.add(new GeneratedSequence(ids, row.text(), row.logProb, reason));
        }
        return new GenerationResult(sequences, promptTokens, generated, timings);
    }

    /**
     * log softmax(logits)[token], in double precision. Logits more than {@value #NEGLIGIBLE_LOGIT_GAP} below the
     * maximum are left out of the sum: each adds less than e^-30 of the maximum's term, so the result moves by less
     * than vocab * 1e-13, and skipping their exp() keeps this cheap for 92k-token vocabularies.
     */
    public static double logProbability(float[] logits, int token) {
        float max = Float.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        float floor = max - NEGLIGIBLE_LOGIT_GAP;
        double sum = 0;
        for (float logit : logits) {
            if (logit >= floor) {
                sum += Math.exp(logit - max);
            }
        }
        return logits[token] - max - Math.log(sum);
    }

    private static final float NEGLIGIBLE_LOGIT_GAP = 30f;

    /** One row's progress: its tokens, text, summed log-probability and finish reason. */
    private static final class Row {
        private final StreamingDecoder decoder;
        private int[] tokens = new int[16];
        private int size;
        private double logProb;
        private FinishReason finish;
        private String stoppedText;

        Row(StreamingDecoder decoder) {
            this.decoder = decoder;
        }

        void accept(int token, double tokenLogProb, Set<Integer> stopIds, List<String> stopStrings) {
            push(token);
            logProb += tokenLogProb;
            if (stopIds.contains(token)) {
                finish = FinishReason.STOP_TOKEN;
                return;
            }
            if (stopStrings.isEmpty()) {
                // Without stop strings the text is needed only at the end; decoding it once is cheaper.
                return;
            }
            decoder.append(token);
            String text = decoder.text();
            for (String stop : stopStrings) {
                int at = text.indexOf(stop);
                if (!stop.isEmpty() && at >= 0) {
                    stoppedText = text.substring(0, at);
                    finish = FinishReason.STOP_STRING;
                    return;
                }
            }
        }

        private void push(int token) {
            if (size == tokens.length) {
                tokens = Arrays.copyOf(tokens, size * 2);
            }
            tokens[size++] = token;
        }

        int[] tokenIds() {
            return Arrays.copyOf(tokens, size);
        }

        /** What recompute mode feeds after the prompt; finished rows stop growing (their output is ignored). */
        int[] allFedTokens() {
            return tokenIds();
        }

        String text() {
            if (stoppedText != null) {
                return stoppedText;
            }
            int end = finish == FinishReason.STOP_TOKEN ? size - 1 : size;
            return decoder.tokenizer().decode(Arrays.copyOf(tokens, end));
        }
    }
}
