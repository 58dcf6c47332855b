package org.lean3assist.bridge.locate;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the directory Lean should run in for a source file: the nearest ancestor holding a
 * {@code leanpkg.toml} or a {@code leanpkg.path} (Lean 3 looks for the latter from its working
 * directory up and reads the project's dependency paths there, mathlib among them; the checkers'
 * sandbox binds those paths from it), otherwise the file's own directory.
 */
public final class ProjectRoots {

    public static final String LEANPKG_FILE = "leanpkg.toml";
    /** What {@code leanpkg configure} writes and Lean itself reads: the search path of the project. */
    public static final String LEANPKG_PATH_FILE = "leanpkg.path";

    private ProjectRoots() {
    }

    public static Path rootOf(Path sourceFile) {
        Path absolute = sourceFile.toAbsolutePath().normalize();
        Path directory = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve(LEANPKG_FILE)) || Files.isRegularFile(candidate.resolve(LEANPKG_PATH_FILE))) {
                return candidate;
            }
        }
        return directory;
    }
}
