package org.lean3assist.model.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelException.Reason;

/**
 * {@link Tokenizer} over DJL's binding of Hugging Face tokenizers, loaded from a local {@code tokenizer.json} only.
 * DJL's default truncation (512 tokens, silently) and padding are turned off, and so are its usage tracking and
 * downloads: the native library comes from the DJL jar.
 */
public final class DjlTokenizer implements Tokenizer {

    public static final String FILE_NAME = "tokenizer.json";

    static {
        // DJL reads these as environment variables or system properties; a user's explicit choice wins.
        if (System.getProperty("OPT_OUT_TRACKING") == null && System.getenv("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getProperty("offline") == null) {
            System.setProperty("offline", "true");
        }
    }

    private final HuggingFaceTokenizer tokenizer;
    private final int vocabSize;
    private final Map<String, Integer> addedTokens;
    private volatile boolean closed;

    private DjlTokenizer(HuggingFaceTokenizer tokenizer, int vocabSize, Map<String, Integer> addedTokens) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.addedTokens = addedTokens;
    }

    /** Loads {@code tokenizer.json} from a model directory. */
    public static DjlTokenizer load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelException(Reason.MISSING_FILE, "Model directory " + directory + " has no " + FILE_NAME + ".");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException(Reason.CORRUPT_TOKENIZER, "Cannot parse " + file + ": " + e.getMessage(), e);
        }
        int maxId = -1;
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            for (JsonNode id : vocab) {
                maxId = Math.max(maxId, id.asInt());
            }
        } else if (vocab.isArray()) {
            // Unigram models list [piece, score] pairs; the id is the index.
            maxId = vocab.size() - 1;
        }
        Map<String, Integer> added = new HashMap<>();
        for (JsonNode token : root.path("added_tokens")) {
            added.put(token.path("content").asText(), token.path("id").asInt());
            maxId = Math.max(maxId, token.path("id").asInt());
        }
        Map<String, String> options = Map.of("truncation", "false", "padding", "false",
                "addSpecialTokens", "true", "modelMaxLength", String.valueOf(Integer.MAX_VALUE));
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(file, options);
            return new DjlTokenizer(tokenizer, maxId + 1, Map.copyOf(added));
        } catch (IOException | RuntimeException e) {
            throw new ModelException(Reason.CORRUPT_TOKENIZER, "DJL cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int[] encode(String text) {
        ensureOpen();
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = encoding.getIds();
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
        }
        return result;
    }

    @Override
    public String decode(int[] ids) {
        ensureOpen();
        long[] longIds = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longIds[i] = ids[i];
        }
        return tokenizer.decode(longIds, true);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = addedTokens.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ModelException(Reason.CLOSED, "The tokenizer was used after close().");
        }
    }
}
