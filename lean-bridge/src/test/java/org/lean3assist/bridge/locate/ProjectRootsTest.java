package org.lean3assist.bridge.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project is where Lean finds its search path: beside a leanpkg.toml, or a leanpkg.path alone. */
class ProjectRootsTest {

    @TempDir
    Path directory;

    @Test
    void theNearestTomlOrPathFileMarksTheRoot() throws Exception {
        Path project = Files.createDirectories(directory.resolve("proj/src/deep"));
        Path file = project.resolve("a.lean");
        assertEquals(project, ProjectRoots.rootOf(file), "without either file, the file's directory");

        // A project made by hand, as for a benchmark: only leanpkg.path, which Lean itself reads.
        Files.writeString(directory.resolve("proj/leanpkg.path"), "builtin_path\npath _target/deps/mathlib/src\n");
        assertEquals(directory.resolve("proj"), ProjectRoots.rootOf(file));

        Files.writeString(directory.resolve("proj/src/leanpkg.toml"), "[package]\nname = \"inner\"\n");
        assertEquals(directory.resolve("proj/src"), ProjectRoots.rootOf(file), "the nearest marker wins");
    }
}
