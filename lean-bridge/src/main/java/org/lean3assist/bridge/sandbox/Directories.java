package org.lean3assist.bridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the scratch directories the sandbox and the checkers make. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code directory} and everything under it, children first. */
    public static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException walkFailed) {
            throw walkFailed.getCause();
        }
    }
}
