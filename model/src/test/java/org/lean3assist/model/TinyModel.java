package org.lean3assist.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the committed tiny test model lives, and its generator's reference outputs. */
public final class TinyModel {

    private TinyModel() {
    }

    /** The tiny model directory on the test classpath. */
    public static Path directory() {
        try {
            return Path.of(TinyModel.class.getResource("/tiny-model/model.onnx").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** reference.json written by model/tiny-model/generate.py. */
    public static JsonNode reference() {
        try {
            return new ObjectMapper().readTree(directory().resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
