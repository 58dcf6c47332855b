package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * For a root caller the confined program runs as nobody, so a project directory closed to others
 * cannot be read in the sandbox: the sandbox says so beforehand, rather than leave Lean to fail
 * on every import; and the program really cannot read it (the attack beside the check: a sandbox
 * that said nothing would be trusted where it cannot work).
 */
@EnabledIf(value = "rootWithSandbox", disabledReason = "only a root caller's sandbox runs the program as another user")
class SandboxReadabilityTest {

    @TempDir
    Path temporary;

    static boolean rootWithSandbox() {
        return RealSandbox.available() && RealSandbox.callerIsRoot();
    }

    @Test
    void saysWhenTheProgramCouldNotReadABoundDirectory() throws Exception {
        Path closed = Files.createDirectory(temporary.resolve("closed"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.writeString(closed.resolve("Main.lean"), "theorem t : true := trivial\n");
        Path open = Files.createDirectory(temporary.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(open.resolve("Main.lean"), "theorem t : true := trivial\n");
        Sandbox sandbox = RealSandbox.required();

        Optional<String> closedReason = sandbox.unreadable(List.of(open, closed));

        assertTrue(closedReason.orElseThrow().contains(closed.toString()), closedReason.toString());
        assertTrue(closedReason.get().contains("chmod o+rX"), closedReason.get());
        assertEquals(Optional.empty(), sandbox.unreadable(List.of(open)));
        assertEquals(Optional.empty(), Sandbox.none("off").unreadable(List.of(closed)), "nothing is confined, so nothing is closed");
        Path scratch = temporary.resolve("scratch");
        RealSandbox.ProgramRun reading = RealSandbox.runConfined(RealSandbox.roomySpec(List.of(open, closed), scratch),
                "cat \"$1\" > /dev/null && echo read-open; cat \"$2\" > /dev/null 2>&1 && echo read-closed; echo done",
                open.resolve("Main.lean").toString(), closed.resolve("Main.lean").toString());
        assertTrue(reading.stdout().contains("read-open"), reading.toString());
        assertTrue(!reading.stdout().contains("read-closed") && reading.stdout().contains("done"), reading.toString());
    }
}
