package org.lean3assist.model.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelException.Reason;

/**
 * The checked inputs and outputs of a decoder graph.
 *
 * @param hasPositionIds whether the graph takes {@code position_ids} (InternLM2 and Llama exports do)
 * @param cacheType      {@link OnnxJavaType#FLOAT} or {@link OnnxJavaType#FLOAT16}, the type of past/present
 * @param logitsVocab    the logits' last dimension (from the graph when static, else from the config)
 */
public record DecoderSignature(boolean hasPositionIds, OnnxJavaType cacheType, int logitsVocab) {

    /**
     * Checks the graph's inputs and outputs against the decoder signature and the config; every problem found is
     * listed in one WRONG_SIGNATURE message.
     */
    public static DecoderSignature check(Path modelFile, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs,
                                         ModelConfig config) {
        List<String> problems = new ArrayList<>();
        Set<String> expectedInputs = new TreeSet<>(List.of(DecoderModel.INPUT_IDS, DecoderModel.ATTENTION_MASK));
        expectType(inputs, DecoderModel.INPUT_IDS, Set.of(OnnxJavaType.INT64), problems);
        expectType(inputs, DecoderModel.ATTENTION_MASK, Set.of(OnnxJavaType.INT64), problems);
        boolean hasPositionIds = inputs.containsKey(DecoderModel.POSITION_IDS);
        if (hasPositionIds) {
            expectedInputs.add(DecoderModel.POSITION_IDS);
            expectType(inputs, DecoderModel.POSITION_IDS, Set.of(OnnxJavaType.INT64), problems);
        }
        Set<OnnxJavaType> floats = Set.of(OnnxJavaType.FLOAT, OnnxJavaType.FLOAT16);
        OnnxJavaType cacheType = null;
        for (int layer = 0; layer < config.numLayers(); layer++) {
            for (String name : List.of(config.pastKeyName(layer), config.pastValueName(layer))) {
                expectedInputs.add(name);
                OnnxJavaType type = expectType(inputs, name, floats, problems);
                cacheType = cacheType == null ? type : cacheType;
                expectCacheShape(inputs.get(name), name, config, problems);
            }
            for (String name : List.of(config.presentKeyName(layer), config.presentValueName(layer))) {
                expectType(outputs, name, floats, problems);
            }
        }
        OnnxJavaType logitsType = expectType(outputs, DecoderModel.LOGITS, floats, problems);
        for (String name : inputs.keySet()) {
            if (!expectedInputs.contains(name)) {
                problems.add("unexpected input '" + name + "' (the config says " + config.numLayers() + " layers)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelException(Reason.WRONG_SIGNATURE, modelFile + " is not a decoder with the expected "
                    + "signature (input_ids, attention_mask, [position_ids], past_key_values.{i}.key|value -> "
                    + "logits, present.{i}.key|value): " + String.join("; ", problems) + ". Inputs found: "
                    + new TreeSet<>(inputs.keySet()) + ", outputs found: " + new TreeSet<>(outputs.keySet()) + ".");
        }
        int logitsVocab = config.vocabSize();
        if (logitsType != null && outputs.get(DecoderModel.LOGITS).getInfo() instanceof TensorInfo info) {
            long[] shape = info.getShape();
            if (shape.length == 3 && shape[2] > 0) {
                logitsVocab = (int) shape[2];
            }
        }
        return new DecoderSignature(hasPositionIds, cacheType == null ? OnnxJavaType.FLOAT : cacheType, logitsVocab);
    }

    private static OnnxJavaType expectType(Map<String, NodeInfo> nodes, String name, Set<OnnxJavaType> allowed,
                                           List<String> problems) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            problems.add("missing '" + name + "'");
            return null;
        }
        if (!(node.getInfo() instanceof TensorInfo info) || !allowed.contains(info.type)) {
            problems.add("'" + name + "' is " + node.getInfo() + ", expected one of " + allowed);
            return null;
        }
        return info.type;
    }

    private static void expectCacheShape(NodeInfo node, String name, ModelConfig config, List<String> problems) {
        if (node == null || !(node.getInfo() instanceof TensorInfo info)) {
            return;
        }
        long[] shape = info.getShape(); // [batch, kv_heads, past, head_dim]
        if (shape.length != 4) {
            problems.add("'" + name + "' has rank " + shape.length + ", expected [batch, kv_heads, past, head_dim]");
            return;
        }
        if (shape[1] > 0 && shape[1] != config.numKeyValueHeads()) {
            problems.add("'" + name + "' has " + shape[1] + " kv heads, the config says " + config.numKeyValueHeads());
        }
        if (shape[3] > 0 && shape[3] != config.headDim()) {
            problems.add("'" + name + "' has head_dim " + shape[3] + ", the config says " + config.headDim());
        }
    }
}
