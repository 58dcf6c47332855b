package org.lean3assist.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bridge knows Lean, not LSP and not the model: no source of this module imports LSP4J or
 * the model module, and every package says what it owns in a {@code package-info.java}.
 */
class ModuleBoundaryTest {

    /** Surefire runs in the module directory, so this is the module's own source tree. */
    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    @Test
    void noSourceImportsLspOrTheModel() throws IOException {
        assertTrue(Files.isDirectory(MAIN_SOURCES));
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            List<String> offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> {
                        String text = read(file);
                        return text.contains("org.eclipse.lsp4j") || text.contains("org.lean3assist.model");
                    })
                    .map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        try (Stream<Path> directories = Files.walk(MAIN_SOURCES)) {
            List<String> missing = directories.filter(Files::isDirectory)
                    .filter(directory -> hasJavaFiles(directory) && !Files.exists(directory.resolve("package-info.java")))
                    .map(Path::toString).toList();
            assertEquals(List.of(), missing);
        }
    }

    private static boolean hasJavaFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.toString().endsWith(".java"));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
