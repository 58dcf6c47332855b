package org.lean3assist.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The module boundaries of docs/architecture.md, checked on the sources: only lsp-server knows LSP,
 * and the two core modules do not know each other. The build enforces the same on dependencies; this
 * test names the offending file and line.
 */
class ModuleBoundaryTest {

    @ParameterizedTest(name = "{0} does not mention {1}")
    @CsvSource({
        "lean-bridge, org.eclipse.lsp4j",
        "model, org.eclipse.lsp4j",
        "lean-bridge, org.lean3assist.model",
        "model, org.lean3assist.bridge",
    })
    void coreModulesStayInsideTheirBoundary(String module, String forbiddenPackage) {
        Path sources = Path.of("..", module, "src");
        assertTrue(Files.isDirectory(Path.of("..", module)), "module directory " + module + " exists");
        List<String> offenders = javaFiles(sources)
                .flatMap(file -> offendingLines(file, forbiddenPackage))
                .toList();
        assertEquals(List.of(), offenders);
    }

    /**
     * docs/architecture.md: no candidate or model-written statement is ever synced to the Lean that
     * checks the user's buffers. In this module the editing Lean is only given documents; text of
     * any other name goes to a checker ({@code CheckerPool.Checker.sync}), so a call that syncs an
     * untracked name on a Lean server is the mark of a breach.
     */
    @org.junit.jupiter.api.Test
    void theLanguageServerSyncsNoUntrackedTextOnAnyLean() {
        List<String> offenders = javaFiles(Path.of("src", "main")).flatMap(file -> {
            try {
                List<String> lines = Files.readAllLines(file);
                return java.util.stream.IntStream.range(0, lines.size())
                        .filter(i -> lines.get(i).contains("syncUntracked("))
                        .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        assertTrue(Files.isDirectory(Path.of("src", "main", "java", "org", "lean3assist", "engine")), "run from lsp-server");
        assertEquals(List.of(), offenders);
    }

    private static Stream<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> path.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> offendingLines(Path file, String forbiddenPackage) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> lines.get(i).matches("\\s*import\\s+(static\\s+)?" + java.util.regex.Pattern.quote(forbiddenPackage) + "\\..*"))
                    .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
