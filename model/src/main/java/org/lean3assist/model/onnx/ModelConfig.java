package org.lean3assist.model.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelException.Reason;

/**
 * The decoder facts the generation loop needs, read from the config the exporters write: onnxruntime-genai's
 * {@code genai_config.json} (preferred) or Hugging Face's {@code config.json}.
 *
 * @param modelFileName    the ONNX file inside the directory ({@code model.onnx} unless genai_config says otherwise)
 * @param numLayers        decoder layers, hence pairs of past/present tensors
 * @param numKeyValueHeads key/value heads (fewer than attention heads with grouped-query attention)
 * @param headDim          size of one head
 * @param vocabSize        the logits' last dimension according to the config
 * @param eosTokenIds      ids that end generation
 * @param padTokenId       the id used for left padding (its positions are masked anyway)
 * @param pastKeyTemplate  input name pattern with {@code %d} for the layer, e.g. {@code past_key_values.%d.key}
 * @param pastValueTemplate   likewise for values
 * @param presentKeyTemplate  output name pattern, e.g. {@code present.%d.key}
 * @param presentValueTemplate likewise for values
 * @param source           the config file read, for messages
 */
public record ModelConfig(String modelFileName, int numLayers, int numKeyValueHeads, int headDim, int vocabSize,
                          List<Integer> eosTokenIds, int padTokenId, String pastKeyTemplate,
                          String pastValueTemplate, String presentKeyTemplate, String presentValueTemplate,
                          Path source) {

    public static final String GENAI_CONFIG = "genai_config.json";
    public static final String HF_CONFIG = "config.json";

    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** Reads genai_config.json if present, else config.json; a directory with neither is a MISSING_FILE error. */
    public static ModelConfig read(Path directory) {
        Path genai = directory.resolve(GENAI_CONFIG);
        Path hf = directory.resolve(HF_CONFIG);
        if (Files.isRegularFile(genai)) {
            return fromGenai(genai, readJson(genai));
        }
        if (Files.isRegularFile(hf)) {
            return fromHuggingFace(hf, readJson(hf));
        }
        throw new ModelException(Reason.MISSING_FILE, "Model directory " + directory + " has neither "
                + GENAI_CONFIG + " nor " + HF_CONFIG + "; export the model with model/export (see model/README.md).");
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException(Reason.BAD_CONFIG, "Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static ModelConfig fromGenai(Path file, JsonNode root) {
        JsonNode model = require(file, root, "model");
        JsonNode decoder = require(file, model, "decoder");
        JsonNode inputs = decoder.path("inputs");
        JsonNode outputs = decoder.path("outputs");
        int numLayers = require(file, decoder, "num_hidden_layers").asInt();
        int kvHeads = require(file, decoder, "num_key_value_heads").asInt();
        int headDim = require(file, decoder, "head_size").asInt();
        int vocab = require(file, model, "vocab_size").asInt();
        List<Integer> eos = ids(require(file, model, "eos_token_id"));
        int pad = model.path("pad_token_id").asInt(eos.get(0));
        return new ModelConfig(decoder.path("filename").asText("model.onnx"), numLayers, kvHeads, headDim, vocab, eos,
                pad, inputs.path("past_key_names").asText(DecoderModel.PAST_KEY_TEMPLATE),
                inputs.path("past_value_names").asText(DecoderModel.PAST_VALUE_TEMPLATE),
                outputs.path("present_key_names").asText(DecoderModel.PRESENT_KEY_TEMPLATE),
                outputs.path("present_value_names").asText(DecoderModel.PRESENT_VALUE_TEMPLATE), file);
    }

    private static ModelConfig fromHuggingFace(Path file, JsonNode root) {
        int numLayers = require(file, root, "num_hidden_layers").asInt();
        int heads = require(file, root, "num_attention_heads").asInt();
        int kvHeads = root.path("num_key_value_heads").asInt(heads);
        int hidden = require(file, root, "hidden_size").asInt();
        int headDim = root.path("head_dim").asInt(hidden / heads);
        int vocab = require(file, root, "vocab_size").asInt();
        List<Integer> eos = ids(require(file, root, "eos_token_id"));
        int pad = root.path("pad_token_id").isNull() ? eos.get(0) : root.path("pad_token_id").asInt(eos.get(0));
        return new ModelConfig("model.onnx", numLayers, kvHeads, headDim, vocab, eos, pad,
                DecoderModel.PAST_KEY_TEMPLATE, DecoderModel.PAST_VALUE_TEMPLATE, DecoderModel.PRESENT_KEY_TEMPLATE,
                DecoderModel.PRESENT_VALUE_TEMPLATE, file);
    }

    private static JsonNode require(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ModelException(Reason.BAD_CONFIG, file + " lacks the field '" + field + "'.");
        }
        return value;
    }

    private static List<Integer> ids(JsonNode node) {
        List<Integer> ids = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(id -> ids.add(id.asInt()));
        } else {
            ids.add(node.asInt());
        }
        return ids;
    }

    public String pastKeyName(int layer) {
        return String.format(pastKeyTemplate, layer);
    }

    public String pastValueName(int layer) {
        return String.format(pastValueTemplate, layer);
    }

    public String presentKeyName(int layer) {
        return String.format(presentKeyTemplate, layer);
    }

    public String presentValueName(int layer) {
        return String.format(presentValueTemplate, layer);
    }
}
