package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.sandbox.RealSandbox.ProgramRun;

/** A sandboxed program may write only into its scratch directory, and sees none of the machine's private files. */
@EnabledIf(value = "org.lean3assist.bridge.sandbox.RealSandbox#available", disabledReason = "bubblewrap does not work here")
class SandboxFilesystemTest {

    /** Tries to create each argument as a file, first making its directory, and says which it could write. */
    private static final String WRITE_EVERYWHERE = """
            for target in "$@"; do
              mkdir -p "$(dirname "$target")" 2>/dev/null
              if echo attack > "$target" 2>/dev/null; then echo "wrote $target"; else echo "refused $target"; fi
            done
            """;

    @TempDir
    Path temporary;

    private Path project;
    private Path scratch;
    private Path unbound;

    @BeforeEach
    void makeDirectories() throws IOException {
        project = Files.createDirectory(temporary.resolve("project"));
        Files.writeString(project.resolve("Main.lean"), "theorem t : true := trivial\n");
        scratch = temporary.resolve("scratch");
        unbound = Files.createDirectory(temporary.resolve("unbound"));
    }

    @Test
    void writesLandOnlyInScratch() throws Exception {
        String unique = UUID.randomUUID().toString();
        Path intoScratch = scratch.resolve("replay.lean");
        Path intoProject = project.resolve("escaped-" + unique);
        Path overProjectFile = project.resolve("Main.lean");
        Path intoUnbound = unbound.resolve("escaped-" + unique);
        Path intoHome = Path.of(System.getProperty("user.home"), "escaped-" + unique);
        Path intoRootHome = Path.of("/root", "escaped-" + unique);
        Path intoUsr = Path.of("/usr", "escaped-" + unique);
        Path intoEtc = Path.of("/etc", "escaped-" + unique);
        Path intoHostTmp = Path.of("/tmp", "escaped-" + unique);
        Path intoRoot = Path.of("/escaped-" + unique);
        List<Path> outside = List.of(intoProject, intoUnbound, intoHome, intoRootHome, intoUsr, intoEtc, intoHostTmp, intoRoot);
        List<String> targets = new ArrayList<>();
        targets.add(intoScratch.toString());
        targets.add(overProjectFile.toString());
        outside.forEach(path -> targets.add(path.toString()));
        try {
            ProgramRun run = RealSandbox.runConfined(RealSandbox.roomySpec(List.of(project), scratch), WRITE_EVERYWHERE,
                    targets.toArray(String[]::new));

            // The positive control: the one writable directory is written, so a sandbox that
            // refused every write (or did not run) would fail here.
            assertTrue(run.stdoutLines().contains("wrote " + intoScratch), run.transcript());
            assertEquals("attack\n", Files.readString(intoScratch));
            assertTrue(run.stdoutLines().contains("refused " + overProjectFile), run.transcript());
            assertEquals("theorem t : true := trivial\n", Files.readString(overProjectFile));
            for (Path path : outside) {
                assertFalse(Files.exists(path), "the sandboxed program created " + path + "\n" + run.transcript());
            }
            // Inside, /tmp is the sandbox's own: the write succeeds there and never reaches the machine's /tmp.
            assertTrue(run.stdoutLines().contains("wrote " + intoHostTmp), run.transcript());
        } finally {
            for (Path path : outside) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void privateFilesOfTheMachineAreInvisible() throws Exception {
        String secret = "host-secret-" + UUID.randomUUID();
        Path secretFile = Files.writeString(unbound.resolve("secret.txt"), secret);
        String lookAround = """
                cat "$1" 2>/dev/null
                for directory in /root /work /home "$2"; do
                  if [ -e "$directory" ]; then echo "present $directory:"; ls -A "$directory"; else echo "absent $directory"; fi
                done
                """;
        String unboundDirectory = unbound.toString();

        ProgramRun unconfined = RealSandbox.runUnconfined(lookAround, secretFile.toString(), unboundDirectory);
        assertTrue(unconfined.stdout().contains(secret), "the positive control cannot read its own file\n" + unconfined.transcript());

        ProgramRun confined = RealSandbox.runConfined(RealSandbox.roomySpec(List.of(project), scratch), lookAround,
                secretFile.toString(), unboundDirectory);
        assertEquals(0, confined.exitCode(), confined.transcript());
        assertFalse(confined.stdout().contains(secret), confined.transcript());
        for (String directory : List.of("/root", "/work", "/home", unboundDirectory)) {
            assertTrue(confined.stdoutLines().contains("absent " + directory), confined.transcript());
        }
    }

    @Test
    void theReadOnlyProjectIsReadable() throws Exception {
        ProgramRun run = RealSandbox.runConfined(RealSandbox.roomySpec(List.of(project), scratch), "cat \"$1\"",
                project.resolve("Main.lean").toString());

        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals("theorem t : true := trivial\n", run.stdout());
    }

    @Test
    void aReadOnlyPathInsideScratchStaysReadOnly() throws Exception {
        // The spec binds scratch read-write and a directory inside it read-only; were the
        // read-only one mounted first, the writable scratch would cover it.
        Path sealed = Files.createDirectories(scratch.resolve("sealed"));
        SandboxSpec spec = RealSandbox.roomySpec(List.of(project, sealed), scratch);

        ProgramRun run = RealSandbox.runConfined(spec, WRITE_EVERYWHERE, sealed.resolve("x").toString(), scratch.resolve("y").toString());

        assertEquals(List.of("refused " + sealed.resolve("x"), "wrote " + scratch.resolve("y")), run.stdoutLines(), run.transcript());
        assertFalse(Files.exists(sealed.resolve("x")));
    }
}
