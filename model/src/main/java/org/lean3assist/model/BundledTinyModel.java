package org.lean3assist.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The tiny test model packaged in this module's jar (made by {@code model/tiny-model/generate.py}). ONNX Runtime
 * loads models from files, so {@link #extract()} copies it to a temporary directory once per JVM.
 */
public final class BundledTinyModel {

    /** Where the files are on the classpath. */
    public static final String RESOURCE_DIRECTORY = "/org/lean3assist/model/tiny-model/";
    private static final List<String> FILES = List.of("model.onnx", "model.onnx.data", "tokenizer.json", "tokenizer_config.json",
            "genai_config.json", "config.json");
    private static Path extracted;

    private BundledTinyModel() {
    }

    /** A directory holding the tiny model, ready for {@link ModelSettings#of(Path)}. */
    public static synchronized Path extract() {
        if (extracted != null && Files.isRegularFile(extracted.resolve("model.onnx"))) {
            return extracted;
        }
        try {
            Path directory = Files.createTempDirectory("lean3assist-tiny-model");
            for (String file : FILES) {
                try (InputStream in = BundledTinyModel.class.getResourceAsStream(RESOURCE_DIRECTORY + file)) {
                    if (in == null) {
                        throw new IllegalStateException("The jar lacks " + RESOURCE_DIRECTORY + file);
                    }
                    Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                directory.resolve(file).toFile().deleteOnExit();
            }
            directory.toFile().deleteOnExit();
            extracted = directory;
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the bundled tiny model", e);
        }
    }
}
