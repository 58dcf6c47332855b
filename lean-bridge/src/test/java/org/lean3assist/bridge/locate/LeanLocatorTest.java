package org.lean3assist.bridge.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The locator against fake {@code lean} executables: real processes that print a version. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake lean executables are shell scripts")
class LeanLocatorTest {

    private static final String LEAN3 = "Lean (version 3.51.1, Release)";
    private static final String LEAN4 = "Lean (version 4.9.0, x86_64-unknown-linux-gnu, commit 59d9d5c, Release)";

    @TempDir
    Path temp;

    @Test
    void prefersTheExplicitPath() throws IOException, LeanNotFoundException {
        Path explicit = fakeLean(temp.resolve("explicit/bin"), LEAN3);
        fakeLean(temp.resolve("home/bin"), LEAN3);

        LeanInstallation found = locator(Map.of("LEAN3_HOME", temp.resolve("home").toString())).locate(Optional.of(explicit));

        assertEquals(explicit, found.executable());
        assertEquals(LEAN3, found.versionLine());
        assertEquals("the executablePath setting", found.foundBy());
    }

    @Test
    void reportsABrokenExplicitPathInsteadOfUsingAnotherLean() throws IOException {
        fakeLean(temp.resolve("home/bin"), LEAN3);

        LeanNotFoundException missing = assertThrows(LeanNotFoundException.class, () -> locator(
                Map.of("LEAN3_HOME", temp.resolve("home").toString())).locate(Optional.of(temp.resolve("nowhere/lean"))));

        assertEquals(1, missing.attempts().size());
        assertTrue(missing.attempts().get(0).contains("does not exist"));
    }

    @Test
    void usesLean3HomeBeforePath() throws IOException, LeanNotFoundException {
        fakeLean(temp.resolve("home/bin"), LEAN3);
        fakeLean(temp.resolve("path1"), LEAN3);

        LeanInstallation found = locator(Map.of("LEAN3_HOME", temp.resolve("home").toString(),
                "PATH", temp.resolve("path1").toString())).locate(Optional.empty());

        assertEquals("LEAN3_HOME", found.foundBy());
    }

    @Test
    void skipsALean4OnPathAndTakesTheNextLean3() throws IOException, LeanNotFoundException {
        fakeLean(temp.resolve("lean4/bin"), LEAN4);
        Path lean3 = fakeLean(temp.resolve("lean3/bin"), LEAN3);

        LeanInstallation found = locator(Map.of("PATH",
                temp.resolve("lean4/bin") + java.io.File.pathSeparator + temp.resolve("lean3/bin"))).locate(Optional.empty());

        assertEquals(lean3, found.executable());
    }

    @Test
    void findsAnElanLean3Toolchain() throws IOException, LeanNotFoundException {
        fakeLean(temp.resolve("user/.elan/toolchains/leanprover--lean4---v4.9.0/bin"), LEAN4);
        Path lean3 = fakeLean(temp.resolve("user/.elan/toolchains/leanprover-community--lean---3.51.1/bin"), LEAN3);

        LeanInstallation found = new LeanLocator(Map.of("PATH", ""), temp.resolve("user")).locate(Optional.empty());

        assertEquals(lean3, found.executable());
        assertEquals("elan toolchain leanprover-community--lean---3.51.1", found.foundBy());
    }

    @Test
    void listsEveryPlaceTriedAndHowToInstallWhenOnlyLean4Exists() throws IOException {
        fakeLean(temp.resolve("lean4/bin"), LEAN4);

        LeanNotFoundException none = assertThrows(LeanNotFoundException.class, () -> new LeanLocator(
                Map.of("PATH", temp.resolve("lean4/bin").toString()), temp.resolve("user")).locate(Optional.empty()));

        assertEquals(3, none.attempts().size(), none.getMessage());
        assertTrue(none.attempts().get(0).startsWith("LEAN3_HOME: not set"));
        assertTrue(none.attempts().get(1).contains("is not Lean 3 (--version printed '" + LEAN4 + "')"));
        assertTrue(none.attempts().get(2).startsWith("elan: no Lean 3 toolchain"));
        assertTrue(none.getMessage().contains("elan toolchain install leanprover-community/lean:3.51.1"));
    }

    @Test
    void refusesAFileThatIsNotExecutable() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home/bin"));
        Files.writeString(home.resolve("lean"), "not a program");

        LeanNotFoundException none = assertThrows(LeanNotFoundException.class, () -> locator(
                Map.of("LEAN3_HOME", temp.resolve("home").toString())).locate(Optional.empty()));

        assertTrue(none.attempts().get(0).contains("is not executable"));
    }

    @Test
    void findsTheNearestLeanpkgProjectRoot() throws IOException {
        Path project = Files.createDirectories(temp.resolve("project/src/algebra"));
        Files.writeString(temp.resolve("project/leanpkg.toml"), "[package]\nname = \"p\"\n");
        Path file = Files.writeString(project.resolve("group.lean"), "");
        Path loose = Files.createDirectories(temp.resolve("loose"));

        assertEquals(temp.resolve("project"), ProjectRoots.rootOf(file));
        assertEquals(loose, ProjectRoots.rootOf(loose.resolve("scratch.lean")));
    }

    private LeanLocator locator(Map<String, String> environment) {
        return new LeanLocator(environment, temp.resolve("user"));
    }

    private static Path fakeLean(Path directory, String version) throws IOException {
        Files.createDirectories(directory);
        Path lean = directory.resolve("lean");
        Files.writeString(lean, "#!/bin/sh\necho '" + version + "'\n");
        Files.setPosixFilePermissions(lean, PosixFilePermissions.fromString("rwxr-xr-x"));
        return lean;
    }
}
