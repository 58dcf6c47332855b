package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.sandbox.BubblewrapCommand.Shape;
import org.lean3assist.bridge.sandbox.RealSandbox.ProgramRun;

/**
 * The command line an ordinary user's server builds, run here as uid 65534 by a root test JVM
 * through {@code setpriv}, since the other confinement tests, run by root, exercise root's shape.
 */
@EnabledIf(value = "rootWithSandbox", disabledReason = "needs root, to play an ordinary user, and a working bubblewrap")
class SandboxUnprivilegedCallerTest {

    private static final String SECRET_NAME = "LEAN3ASSIST_TEST_SECRET";

    @TempDir
    Path temporary;

    private Path project;
    private Path scratch;
    private BubblewrapCommand userCommand;
    private final String sleepDuration = RealSandbox.uniqueSleepDuration();

    static boolean rootWithSandbox() {
        return RealSandbox.available() && RealSandbox.callerIsRoot();
    }

    @BeforeEach
    void prepareAnOrdinaryUsersFiles() throws Exception {
        SandboxProbe.Outcome probe = new SandboxProbe("Linux", System.getenv().getOrDefault("PATH", ""), false).probe();
        assertTrue(probe.availability().available(), probe.availability().detail());
        userCommand = probe.command().orElseThrow();
        assertEquals(Shape.UNPRIVILEGED_CALLER, userCommand.shape());
        // bubblewrap, as the user, must be able to reach what it binds.
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
        project = Files.createDirectory(temporary.resolve("project"));
        Files.writeString(project.resolve("Main.lean"), "theorem t : true := trivial\n");
        scratch = Files.createDirectory(temporary.resolve("scratch"));
        Files.setAttribute(scratch, "unix:uid", BubblewrapCommand.SANDBOX_UID);
        Files.setAttribute(scratch, "unix:gid", BubblewrapCommand.SANDBOX_UID);

        ProgramRun trial = runAsUser(userCommand.wrap(List.of("/bin/true"), spec(64)), Map.of());
        if (trial.exitCode() != 0) {
            System.err.println("[sandbox] SKIPPING the ordinary user's sandbox tests: " + trial.stderr().strip());
        }
        Assumptions.assumeTrue(trial.exitCode() == 0, "an ordinary user cannot start bubblewrap here: " + trial.stderr().strip());
    }

    @AfterEach
    void killLeftovers() {
        RealSandbox.killProcessesWithArgument(sleepDuration);
    }

    @Test
    void writesLandOnlyInScratch() throws Exception {
        String unique = UUID.randomUUID().toString();
        Path intoProject = project.resolve("escaped-" + unique);
        Path intoScratch = scratch.resolve("replay.lean");
        String script = "for target in \"$@\"; do echo attack > \"$target\" 2>/dev/null && echo \"wrote $target\"; done; true";

        ProgramRun run = runAsUser(userCommand.wrap(RealSandbox.shell(script, intoProject.toString(), intoScratch.toString()), spec(64)), Map.of());

        assertEquals(List.of("wrote " + intoScratch), run.stdoutLines(), run.transcript());
        assertFalse(Files.exists(intoProject));
    }

    @Test
    void processLimitStopsAForkLoop() throws Exception {
        String fork100 = "i=0; while [ $i -lt 100 ]; do sleep \"$1\" & i=$((i+1)); echo started; done";

        ProgramRun roomy = runAsUser(userCommand.wrap(RealSandbox.shell(fork100, sleepDuration), spec(200)), Map.of());
        assertEquals(100, roomy.stdoutLines().size(), roomy.transcript());

        ProgramRun tight = runAsUser(userCommand.wrap(RealSandbox.shell(fork100, sleepDuration), spec(16)), Map.of());
        assertTrue(tight.stdoutLines().size() <= 15, tight.transcript());
        assertTrue(tight.stderr().contains("fork"), tight.transcript());
        assertEquals(0, RealSandbox.awaitSleepCount(sleepDuration, count -> count == 0, 10));
    }

    @Test
    void bubblewrapsOwnEnvironmentHoldsNoSecret() throws Exception {
        String secret = "s3cr3t-" + UUID.randomUUID();
        List<String> readPid1 = RealSandbox.shell("tr '\\0' '\\n' < /proc/1/environ; echo done");
        List<String> command = userCommand.wrap(readPid1, spec(64));

        // The positive control: the same command line without its leading "env -i" leaks the
        // secret through bubblewrap's PID 1, which runs as the same user as the program.
        assertTrue(command.get(0).endsWith("/env") && command.get(1).equals("-i"), command.toString());
        ProgramRun withoutEnvI = runAsUser(command.subList(2, command.size()), Map.of(SECRET_NAME, secret));
        assertTrue(withoutEnvI.stdout().contains(secret), withoutEnvI.transcript());

        ProgramRun confined = runAsUser(command, Map.of(SECRET_NAME, secret));
        assertTrue(confined.stdout().endsWith("done\n"), confined.transcript());
        assertFalse(confined.stdout().contains(secret), confined.transcript());
    }

    private SandboxSpec spec(int processes) {
        return new SandboxSpec(List.of(project), scratch, scratch, 1024, 64, processes, 256, SandboxSpec.LEAN_ENVIRONMENT);
    }

    private static ProgramRun runAsUser(List<String> command, Map<String, String> extraEnvironment) throws Exception {
        List<String> asUser = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        asUser.addAll(command);
        return RealSandbox.run(asUser, extraEnvironment);
    }
}
