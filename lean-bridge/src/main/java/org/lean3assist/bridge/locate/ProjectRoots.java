package org.lean3assist.bridge.locate;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the directory Lean should run in for a source file: the nearest ancestor holding a
 * {@code leanpkg.toml} (there Lean reads the project's dependency paths, mathlib among them),
 * otherwise the file's own directory.
 */
public final class ProjectRoots {

    public static final String LEANPKG_FILE = "leanpkg.toml";

    private ProjectRoots() {
    }

    public static Path rootOf(Path sourceFile) {
        Path absolute = sourceFile.toAbsolutePath().normalize();
        Path directory = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve(LEANPKG_FILE))) {
                return candidate;
            }
        }
        return directory;
    }
}
