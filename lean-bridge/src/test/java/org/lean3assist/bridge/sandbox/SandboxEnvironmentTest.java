package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.sandbox.RealSandbox.ProgramRun;

/** A sandboxed program gets the spec's environment and nothing of the editor's, wherever it looks. */
@EnabledIf(value = "org.lean3assist.bridge.sandbox.RealSandbox#available", disabledReason = "bubblewrap does not work here")
class SandboxEnvironmentTest {

    private static final String SECRET_NAME = "LEAN3ASSIST_TEST_SECRET";

    @TempDir
    Path scratch;

    @Test
    void onlyTheSpecsVariablesArePresent() throws Exception {
        String secret = "s3cr3t-" + UUID.randomUUID();
        SandboxSpec spec = RealSandbox.roomySpec(List.of(), scratch)
                .withEnvironment(Map.of("PATH", "/usr/bin:/bin", "LEAN_PATH", "/nowhere"));

        // The positive control: without the sandbox, env shows the secret.
        ProgramRun unconfined = RealSandbox.run(List.of("/usr/bin/env"), Map.of(SECRET_NAME, secret));
        assertTrue(unconfined.stdout().contains(secret), unconfined.transcript());

        ProgramRun confined = RealSandbox.run(RealSandbox.required().wrap(List.of("/usr/bin/env"), spec), Map.of(SECRET_NAME, secret));
        assertEquals(0, confined.exitCode(), confined.transcript());
        // PWD is bubblewrap's, which always sets it to the working directory the program is in anyway.
        assertEquals(List.of("LEAN_PATH=/nowhere", "PATH=/usr/bin:/bin", "PWD=" + scratch), confined.stdoutLines().stream().sorted().toList(),
                confined.transcript());
    }

    @Test
    void noProcessInsideHoldsTheSecret() throws Exception {
        // bubblewrap's own PID 1 inside the sandbox is a copy of bubblewrap; had bubblewrap been
        // given the editor's environment, its /proc/1/environ would hand it over.
        String secret = "s3cr3t-" + UUID.randomUUID();
        String readEveryEnvironment = "for file in /proc/[0-9]*/environ /proc/[0-9]*/cmdline; do cat \"$file\" 2>/dev/null; done; echo done";

        ProgramRun unconfined = RealSandbox.run(RealSandbox.shell(readEveryEnvironment), Map.of(SECRET_NAME, secret));
        assertTrue(unconfined.stdout().contains(secret), "the positive control finds no secret\n" + unconfined.transcript());

        ProgramRun confined = RealSandbox.run(
                RealSandbox.required().wrap(RealSandbox.shell(readEveryEnvironment), RealSandbox.roomySpec(List.of(), scratch)),
                Map.of(SECRET_NAME, secret));
        assertTrue(confined.stdout().endsWith("done\n"), confined.transcript());
        assertFalse(confined.stdout().contains(secret), confined.transcript());
        assertFalse(confined.stdout().contains(SECRET_NAME), confined.transcript());
    }
}
