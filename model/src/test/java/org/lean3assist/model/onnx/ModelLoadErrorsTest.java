package org.lean3assist.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.GenerationConfig;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelException.Reason;
import org.lean3assist.model.ModelSettings;
import org.lean3assist.model.OnnxLanguageModel;
import org.lean3assist.model.TinyModel;

/** Every way a model directory can be wrong gives its own reason and a message naming the file. */
class ModelLoadErrorsTest {

    @TempDir
    Path temp;

    private Path copyOfTinyModel() throws IOException {
        Path directory = temp.resolve("model");
        Files.createDirectories(directory);
        for (String file : List.of("model.onnx", "model.onnx.data", "model-fp16-io.onnx", "tokenizer.json",
                "genai_config.json", "config.json")) {
            Files.copy(TinyModel.directory().resolve(file), directory.resolve(file));
        }
        return directory;
    }

    private static ModelException loadFails(Path directory) {
        return assertThrows(ModelException.class, () -> OnnxLanguageModel.load(ModelSettings.of(directory)));
    }

    @Test
    void missingDirectory() {
        ModelException error = loadFails(temp.resolve("no-such-model"));
        assertEquals(Reason.MISSING_DIRECTORY, error.reason());
        assertTrue(error.getMessage().contains("no-such-model"), error.getMessage());
    }

    @Test
    void missingModelFile() throws IOException {
        Path directory = copyOfTinyModel();
        Files.delete(directory.resolve("model.onnx"));
        ModelException error = loadFails(directory);
        assertEquals(Reason.MISSING_FILE, error.reason());
        assertTrue(error.getMessage().contains("model.onnx"), error.getMessage());
    }

    @Test
    void missingConfig() throws IOException {
        Path directory = copyOfTinyModel();
        Files.delete(directory.resolve("genai_config.json"));
        Files.delete(directory.resolve("config.json"));
        assertEquals(Reason.MISSING_FILE, loadFails(directory).reason());
    }

    @Test
    void missingTokenizer() throws IOException {
        Path directory = copyOfTinyModel();
        Files.delete(directory.resolve("tokenizer.json"));
        ModelException error = loadFails(directory);
        assertEquals(Reason.MISSING_FILE, error.reason());
        assertTrue(error.getMessage().contains("tokenizer.json"), error.getMessage());
    }

    @Test
    void corruptModelFile() throws IOException {
        Path directory = copyOfTinyModel();
        byte[] bytes = Files.readAllBytes(directory.resolve("model.onnx"));
        // A download cut off in the middle.
        Files.write(directory.resolve("model.onnx"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        ModelException error = loadFails(directory);
        assertEquals(Reason.CORRUPT_MODEL, error.reason());
        assertTrue(error.getMessage().contains("model.onnx"), error.getMessage());
    }

    @Test
    void missingExternalDataFile() throws IOException {
        Path directory = copyOfTinyModel();
        Files.delete(directory.resolve("model.onnx.data"));
        ModelException error = loadFails(directory);
        assertEquals(Reason.CORRUPT_MODEL, error.reason());
        assertTrue(error.getMessage().contains("external data"), error.getMessage());
    }

    @Test
    void fp16SignatureRunsAndMatchesTheReference() throws IOException {
        Path directory = copyOfTinyModel();
        Path config = directory.resolve("genai_config.json");
        Files.writeString(config, Files.readString(config).replace("\"filename\": \"model.onnx\"",
                "\"filename\": \"model-fp16-io.onnx\""));
        try (OnnxLanguageModel model = OnnxLanguageModel.load(ModelSettings.of(directory))) {
            assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT16, model.decoder().signature().cacheType());
            com.fasterxml.jackson.databind.JsonNode first = TinyModel.reference().get("cases").get(0);
            int[] ids = model.generator().generate(List.of(TinyModel.ints(first.get("prompt_ids"))),
                    org.lean3assist.model.generate.GenerationRequest.greedy(1, 32), CancelCheck.NEVER)
                    .sequences().get(0).tokenIds();
            // fp16 rounding of the cache may change late tokens in principle; on these prompts it does not.
            org.junit.jupiter.api.Assertions.assertArrayEquals(TinyModel.ints(first.get("greedy_ids")), ids);
        }
    }

    @Test
    void garbageModelFile() throws IOException {
        Path directory = copyOfTinyModel();
        Files.writeString(directory.resolve("model.onnx"), "<html>404 Not Found</html>");
        assertEquals(Reason.CORRUPT_MODEL, loadFails(directory).reason());
    }

    @Test
    void wrongSignature() throws IOException {
        Path directory = copyOfTinyModel();
        Files.copy(TinyModel.directory().resolve("wrong-signature.onnx"), directory.resolve("model.onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelException error = loadFails(directory);
        assertEquals(Reason.WRONG_SIGNATURE, error.reason());
        assertTrue(error.getMessage().contains("missing 'input_ids'"), error.getMessage());
        assertTrue(error.getMessage().contains("unexpected input 'tokens'"), error.getMessage());
    }

    @Test
    void configWithMoreLayersThanTheGraph() throws IOException {
        Path directory = copyOfTinyModel();
        Path config = directory.resolve("genai_config.json");
        Files.writeString(config, Files.readString(config).replace("\"num_hidden_layers\": 2",
                "\"num_hidden_layers\": 3"));
        ModelException error = loadFails(directory);
        assertEquals(Reason.WRONG_SIGNATURE, error.reason());
        assertTrue(error.getMessage().contains("missing 'past_key_values.2.key'"), error.getMessage());
    }

    @Test
    void unreadableConfig() throws IOException {
        Path directory = copyOfTinyModel();
        Files.writeString(directory.resolve("genai_config.json"), "{ not json");
        assertEquals(Reason.BAD_CONFIG, loadFails(directory).reason());
    }

    @Test
    void tokenizerOfAnotherModel() throws IOException {
        Path directory = copyOfTinyModel();
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            vocab.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":").append(i);
        }
        Files.writeString(directory.resolve("tokenizer.json"), """
                {"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,
                 "pre_tokenizer":{"type":"Whitespace"},"post_processor":null,"decoder":null,
                 "model":{"type":"WordLevel","vocab":{%s},"unk_token":"t1"}}
                """.formatted(vocab));
        ModelException error = loadFails(directory);
        assertEquals(Reason.VOCABULARY_MISMATCH, error.reason());
        assertTrue(error.getMessage().contains("2000 tokens"), error.getMessage());
        assertTrue(error.getMessage().contains("512"), error.getMessage());
    }

    @Test
    void corruptTokenizer() throws IOException {
        Path directory = copyOfTinyModel();
        Files.writeString(directory.resolve("tokenizer.json"), "{\"model\": {\"type\": \"Nonsense\"}}");
        assertEquals(Reason.CORRUPT_TOKENIZER, loadFails(directory).reason());
    }

    @Test
    void huggingFaceConfigAloneIsEnough() throws IOException {
        Path directory = copyOfTinyModel();
        Files.delete(directory.resolve("genai_config.json"));
        try (OnnxLanguageModel model = OnnxLanguageModel.load(ModelSettings.of(directory))) {
            assertEquals(2, model.decoder().config().numLayers());
            assertEquals(List.of(2, 4), model.decoder().config().eosTokenIds());
            assertEquals(ModelConfig.HF_CONFIG, model.decoder().config().source().getFileName().toString());
        }
    }

    @Test
    void useAfterCloseThrows() {
        OnnxLanguageModel model = OnnxLanguageModel.load(ModelSettings.of(TinyModel.directory()));
        model.close();
        ModelException error = assertThrows(ModelException.class,
                () -> model.complete("x", GenerationConfig.defaults(), CancelCheck.NEVER));
        assertEquals(Reason.CLOSED, error.reason());
        assertEquals(Reason.CLOSED, assertThrows(ModelException.class, () -> model.tokenizer().encode("x")).reason());
        assertEquals(Reason.CLOSED, assertThrows(ModelException.class, () -> model.decoder().emptyCache(1)).reason());
        model.close();
    }
}
