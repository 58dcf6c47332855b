package org.lean3assist.model.generate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelException.Reason;
import org.lean3assist.model.onnx.DecoderModel;
import org.lean3assist.model.onnx.ModelConfig;

/**
 * Everything that changes while one batch is generated: the KV cache, the attention mask and the positions.
 *
 * <p>The cache stays inside ONNX Runtime: the {@code present.*} values of one step's result are passed as the
 * {@code past_key_values.*} inputs of the next step, and that result is closed only after the next step has run.
 * Prompts are left-padded so that every row's last position is the same column of the logits.
 */
public final class GenerationState implements AutoCloseable {

    private final DecoderModel model;
    private final List<int[]> prompts;
    private final int batch;
    private final int[] padding;
    private final long[] nextPosition;
    private int maskLength;
    private final Map<String, OnnxTensor> past = new HashMap<>();
    private final List<OnnxTensor> emptyCache = new ArrayList<>();
    private OrtSession.Result lastResult;
    private boolean closed;

    /** Prepares a batch of prompts; no model call happens until {@link #prefill()}. */
    public GenerationState(DecoderModel model, List<int[]> prompts) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("at least one prompt is needed");
        }
        this.model = model;
        this.batch = prompts.size();
        this.padding = new int[batch];
        this.nextPosition = new long[batch];
        this.prompts = List.copyOf(prompts);
    }

    /**
     * Runs the prompts through the model and returns the logits of each row's last position, {@code [batch][vocab]}.
     *
     * <p>All but the last prompt column run first and their logits are not read; the last column then runs as a
     * one-token step. ONNX Runtime's Java API copies a whole output tensor when it is read, and the full prefill
     * logits of a real model ({@code seq x vocab} floats, 185 MB for 500 tokens of InternLM2) are not worth copying
     * for one row of them.
     */
    public float[][] prefill() {
        return prefill(true);
    }

    /**
     * Like {@link #prefill()}; with {@code splitLastColumn} false the whole prompt runs in one step and the full
     * logits tensor is read (the no-cache path of tests and the bench, where prompts are short).
     */
    public float[][] prefill(boolean splitLastColumn) {
        ensureOpen();
        if (lastResult != null) {
            throw new IllegalStateException("prefill() runs once per state");
        }
        int longest = 0;
        for (int[] prompt : prompts) {
            if (prompt.length == 0) {
                throw new IllegalArgumentException("a prompt must have at least one token");
            }
            longest = Math.max(longest, prompt.length);
        }
        for (int row = 0; row < batch; row++) {
            padding[row] = longest - prompts.get(row).length;
        }
        for (int layer = 0; layer < model.config().numLayers(); layer++) {
            for (String name : pastNames(model.config(), layer)) {
                OnnxTensor empty = model.emptyCache(batch); // [batch, kv_heads, 0, head_dim]
                emptyCache.add(empty);
                past.put(name, empty);
            }
        }
        // Left padding puts every row's last prompt token in the last column.
        int head = splitLastColumn && longest > 1 ? longest - 1 : longest;
        long[] ids = new long[batch * head];
        long[] positions = new long[batch * head];
        for (int row = 0; row < batch; row++) {
            int[] prompt = prompts.get(row);
            for (int column = 0; column < head; column++) {
                int index = column - padding[row];
                ids[row * head + column] = index >= 0 ? prompt[index] : model.config().padTokenId();
                positions[row * head + column] = Math.max(index, 0);
            }
            nextPosition[row] = Math.max(head - padding[row], 0);
        }
        maskLength = head;
        float[][] logits = runStep(ids, positions, head, head == longest);
        if (head == longest) {
            return logits;
        }
        int[] lastColumn = new int[batch];
        for (int row = 0; row < batch; row++) {
            int[] prompt = prompts.get(row);
            lastColumn[row] = prompt[prompt.length - 1];
        }
        return step(lastColumn);
    }

    /** Feeds one token per row (any token for finished rows) and returns the next logits, {@code [batch][vocab]}. */
    public float[][] step(int[] nextTokens) {
        ensureOpen();
        if (lastResult == null) {
            throw new IllegalStateException("prefill() must run before step()");
        }
        long[] ids = new long[batch];
        long[] positions = new long[batch];
        for (int row = 0; row < batch; row++) {
            ids[row] = nextTokens[row];
            positions[row] = nextPosition[row]++;
        }
        maskLength++;
        return runStep(ids, positions, 1, true);
    }

    /** The current length of the attention mask: padded prompt plus generated steps. */
    public int sequenceLength() {
        return maskLength;
    }

    private float[][] runStep(long[] ids, long[] positions, int seq, boolean readLogits) {
        long[] mask = new long[batch * maskLength];
        for (int row = 0; row < batch; row++) {
            for (int i = padding[row]; i < maskLength; i++) {
                mask[row * maskLength + i] = 1;
            }
        }
        var environment = model.environment();
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids),
                new long[] {batch, seq}); // [batch, seq]
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask),
                     new long[] {batch, maskLength}); // [batch, past + seq]
             OnnxTensor positionTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(positions),
                     new long[] {batch, seq})) { // [batch, seq]
            Map<String, OnnxTensor> inputs = new HashMap<>(past);
            inputs.put(DecoderModel.INPUT_IDS, idsTensor);
            inputs.put(DecoderModel.ATTENTION_MASK, maskTensor);
            if (model.signature().hasPositionIds()) {
                inputs.put(DecoderModel.POSITION_IDS, positionTensor);
            }
            OrtSession.Result result = model.run(inputs);
            // The previous result owned the cache just consumed; it can go now that the new step has run.
            closePrevious();
            lastResult = result;
            ModelConfig config = model.config();
            for (int layer = 0; layer < config.numLayers(); layer++) {
                past.put(config.pastKeyName(layer), output(result, config.presentKeyName(layer)));
                past.put(config.pastValueName(layer), output(result, config.presentValueName(layer)));
            }
            return readLogits ? lastLogits(output(result, DecoderModel.LOGITS)) : null;
        } catch (OrtException e) {
            throw new ModelException(Reason.INFERENCE_FAILED, "Cannot build the decoder's inputs: " + e.getMessage(), e);
        }
    }

    private float[][] lastLogits(OnnxTensor logits) {
        long[] shape = logits.getInfo().getShape(); // [batch, seq, vocab]
        int seq = (int) shape[1];
        int vocab = (int) shape[2];
        FloatBuffer buffer = logits.getFloatBuffer();
        float[][] last = new float[batch][vocab];
        for (int row = 0; row < batch; row++) {
            buffer.get(((row * seq) + seq - 1) * vocab, last[row], 0, vocab);
        }
        return last;
    }

    private static OnnxTensor output(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> new ModelException(Reason.INFERENCE_FAILED,
                "The decoder returned no '" + name + "'."));
        return (OnnxTensor) value;
    }

    private static List<String> pastNames(ModelConfig config, int layer) {
        return List.of(config.pastKeyName(layer), config.pastValueName(layer));
    }

    private void closePrevious() {
        if (lastResult != null) {
            lastResult.close();
            lastResult = null;
        }
        for (OnnxTensor tensor : emptyCache) {
            tensor.close();
        }
        emptyCache.clear();
    }

    private void ensureOpen() {
        if (closed) {
            throw new ModelException(Reason.CLOSED, "The generation state was used after close().");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closePrevious();
            past.clear();
        }
    }
}
