package org.lean3assist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Architecture Invariant: the model module imports neither LSP4J nor its sibling modules. */
class ModuleBoundaryTest {

    private static final List<String> FORBIDDEN = List.of("import org.eclipse.lsp4j", "import org.lean3assist.bridge",
            "import org.lean3assist.lsp", "import org.lean3assist.lean.");

    @Test
    void noStrayImports() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(sources), "run from the module directory");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> {
                        try {
                            String text = Files.readString(file);
                            return FORBIDDEN.stream().anyMatch(text::contains);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        Path root = Path.of("src", "main", "java", "org", "lean3assist", "model");
        try (Stream<Path> directories = Files.walk(root)) {
            for (Path directory : directories.filter(Files::isDirectory).toList()) {
                assertTrue(Files.isRegularFile(directory.resolve("package-info.java")), directory.toString());
            }
        }
    }
}
