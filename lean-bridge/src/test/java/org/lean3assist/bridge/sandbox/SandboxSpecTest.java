package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A spec refuses what would quietly weaken the sandbox or fail far from its cause. */
class SandboxSpecTest {

    private static final Path PROJECT = Path.of("/home/user/project");
    private static final Path SCRATCH = Path.of("/home/user/project/.scratch");

    @Test
    void forLeanHasTheCheckerDefaults() {
        SandboxSpec spec = SandboxSpec.forLean(List.of(PROJECT), SCRATCH, PROJECT, 4096);

        assertEquals(64, spec.fileSizeMb());
        assertEquals(64, spec.processes());
        assertEquals(256, spec.openFiles());
        assertEquals(4096, spec.addressSpaceMb());
        assertEquals(Map.of("PATH", "/usr/bin:/bin"), spec.environment());
    }

    @Test
    void pathsAreNormalized() {
        SandboxSpec spec = SandboxSpec.forLean(List.of(Path.of("/usr/local/lean/bin/..")), Path.of("/srv/a/./scratch"), Path.of("/srv/a/scratch/"), 64);

        assertEquals(List.of(Path.of("/usr/local/lean")), spec.readOnly());
        assertEquals(Path.of("/srv/a/scratch"), spec.scratch());
    }

    @Test
    void refusesTheRootDirectory() {
        // Bound read-only, / would show every home directory; as scratch, it would make the machine writable.
        IllegalArgumentException asReadOnly = assertThrows(IllegalArgumentException.class,
                () -> SandboxSpec.forLean(List.of(Path.of("/")), SCRATCH, SCRATCH, 64));
        assertTrue(asReadOnly.getMessage().contains("root directory"), asReadOnly.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SandboxSpec.forLean(List.of(), Path.of("/usr/.."), Path.of("/"), 64));
    }

    @Test
    void refusesRelativePaths() {
        assertThrows(IllegalArgumentException.class, () -> SandboxSpec.forLean(List.of(Path.of("project")), SCRATCH, SCRATCH, 64));
        assertThrows(IllegalArgumentException.class, () -> SandboxSpec.forLean(List.of(), Path.of("scratch"), Path.of("scratch"), 64));
    }

    @Test
    void theWorkingDirectoryMustBeInsideTheSandbox() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SandboxSpec.forLean(List.of(PROJECT), SCRATCH, Path.of("/home/user"), 64));
        assertTrue(refused.getMessage().contains("/home/user"), refused.getMessage());
        // A sibling that merely shares a prefix of the name is not inside.
        assertThrows(IllegalArgumentException.class,
                () -> SandboxSpec.forLean(List.of(PROJECT), SCRATCH, Path.of("/home/user/project-other"), 64));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> SandboxSpec.forLean(List.of(), SCRATCH, SCRATCH, 0));
        assertThrows(IllegalArgumentException.class, () -> new SandboxSpec(List.of(), SCRATCH, SCRATCH, 64, 64, 0, 256, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new SandboxSpec(List.of(), SCRATCH, SCRATCH, 64, -1, 64, 256, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new SandboxSpec(List.of(), SCRATCH, SCRATCH, 64, 64, 64, 0, Map.of()));
    }

    @Test
    void refusesEnvironmentNamesThatCouldSmuggleAnotherVariable() {
        SandboxSpec spec = SandboxSpec.forLean(List.of(), SCRATCH, SCRATCH, 64);

        assertThrows(IllegalArgumentException.class, () -> spec.withEnvironment(Map.of("A=B", "c")));
        assertThrows(IllegalArgumentException.class, () -> spec.withEnvironment(Map.of("", "c")));
        assertThrows(IllegalArgumentException.class, () -> spec.withEnvironment(Map.of("A", "b\0LD_PRELOAD=/tmp/x.so")));
        assertEquals(List.of("A", "B"), List.copyOf(spec.withEnvironment(Map.of("B", "2", "A", "1")).environment().keySet()));
    }
}
