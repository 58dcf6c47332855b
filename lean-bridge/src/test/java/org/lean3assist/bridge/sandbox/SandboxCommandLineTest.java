package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.sandbox.BubblewrapCommand.Shape;
import org.lean3assist.bridge.sandbox.BubblewrapCommand.Tools;

/**
 * The command line itself, read without running it, so that what the confinement tests prove is
 * also pinned on machines where they are skipped.
 */
class SandboxCommandLineTest {

    private static final Tools TOOLS = new Tools(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/env"), Path.of("/usr/bin/prlimit"),
            Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/unshare"));
    private static final List<String> LEAN = List.of("/usr/local/lean/bin/lean", "--server");

    @TempDir
    Path temporary;

    /** One mount of the command line: the option and its source and destination. */
    private record Mount(String option, String source, String destination) {
    }

    @Test
    void anUnprivilegedCallersCommandLine() {
        Path project = temporary.resolve("project");
        Path scratch = temporary.resolve("scratch");
        SandboxSpec spec = new SandboxSpec(List.of(Path.of("/usr/local/lean"), project), scratch, project, 2048, 16, 32, 128,
                Map.of("PATH", "/usr/bin:/bin", "LEAN_PATH", "/usr/local/lean/library"));

        List<String> command = new BubblewrapCommand(TOOLS, Shape.UNPRIVILEGED_CALLER, "bubblewrap 0.8.0").wrap(LEAN, spec);

        // bubblewrap itself is started with an empty environment.
        assertEquals(List.of("/usr/bin/env", "-i", "/usr/bin/bwrap", "--unshare-all", "--uid", "65534", "--gid", "65534"), command.subList(0, 8));
        assertTrue(command.containsAll(List.of("--die-with-parent", "--new-session", "--clearenv")), command.toString());
        assertEquals(Map.of("PATH", "/usr/bin:/bin", "LEAN_PATH", "/usr/local/lean/library"), setenvs(command));
        assertEquals(List.of("/usr/bin/prlimit", "--as=2147483648", "--fsize=16777216", "--nproc=32", "--nofile=128", "--",
                "/usr/local/lean/bin/lean", "--server"), command.subList(command.size() - 8, command.size()));
        assertTrue(Files.isDirectory(scratch), "the scratch directory is created");
        assertMountsAreTheAllowedOnes(command, spec);
        assertEquals(project.toString(), command.get(command.indexOf("--chdir") + 1));
    }

    @Test
    @EnabledIf("org.lean3assist.bridge.sandbox.RealSandbox#callerIsRoot")
    void aRootCallersCommandLineDropsRootBeforeTheProgram() throws Exception {
        Path scratch = temporary.resolve("scratch");
        SandboxSpec spec = SandboxSpec.forLean(List.of(Path.of("/usr/local/lean")), scratch, scratch, 2048);

        List<String> command = new BubblewrapCommand(TOOLS, Shape.ROOT_CALLER, "bubblewrap 0.8.0").wrap(LEAN, spec);

        // No user namespace from bubblewrap, whose would keep the program's uid at 0, where
        // RLIMIT_NPROC is never enforced; unshare makes one after setpriv has left uid 0.
        assertFalse(command.contains("--unshare-all"), command.toString());
        assertTrue(command.containsAll(List.of("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try")));
        assertEquals(List.of("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"),
                command.subList(command.indexOf("--cap-drop"), command.indexOf("--cap-drop") + 8));
        int afterBubblewrap = command.indexOf("--") + 1;
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--", "/usr/bin/unshare", "--user", "--map-current-user", "--", "/usr/bin/prlimit"),
                command.subList(afterBubblewrap, afterBubblewrap + 13));
        assertMountsAreTheAllowedOnes(command, spec);
        assertEquals(65534, ((Number) Files.getAttribute(scratch, "unix:gid")).intValue(), "the sandbox's group may write in scratch");
    }

    @Test
    void aReadOnlyPathInsideScratchIsMountedAfterIt() {
        Path scratch = temporary.resolve("scratch");
        Path sealed = scratch.resolve("sealed");
        SandboxSpec spec = SandboxSpec.forLean(List.of(sealed), scratch, scratch, 64);

        List<Mount> mounts = mounts(new BubblewrapCommand(TOOLS, Shape.UNPRIVILEGED_CALLER, "bubblewrap 0.8.0").wrap(LEAN, spec));

        assertTrue(mounts.indexOf(new Mount("--bind", scratch.toString(), scratch.toString()))
                < mounts.indexOf(new Mount("--ro-bind-try", sealed.toString(), sealed.toString())), mounts.toString());
    }

    /**
     * The only mounts are the system's read-only files, the spec's read-only paths and its one
     * writable scratch directory; no home directory, {@code /root} or {@code /etc} at large.
     */
    private static void assertMountsAreTheAllowedOnes(List<String> command, SandboxSpec spec) {
        List<String> systemSources = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc/ld.so.cache");
        for (Mount mount : mounts(command)) {
            switch (mount.option()) {
                case "--bind" -> assertEquals(spec.scratch().toString(), mount.source(), "the only writable mount is scratch");
                case "--ro-bind", "--ro-bind-try" -> assertTrue(systemSources.contains(mount.source())
                        || spec.readOnly().contains(Path.of(mount.source())), "unexpected mount " + mount);
                default -> throw new AssertionError(mount.toString());
            }
            assertEquals(mount.source(), mount.destination(), "each path is seen at its own name");
        }
        for (String forbidden : List.of("/", "/root", "/home", "/work", "/etc", System.getProperty("user.home"))) {
            assertFalse(mounts(command).stream().anyMatch(mount -> mount.source().equals(forbidden)), forbidden + " is mounted");
        }
        assertTrue(command.containsAll(List.of("--proc", "--dev", "--tmpfs")), command.toString());
    }

    private static List<Mount> mounts(List<String> command) {
        List<Mount> mounts = new ArrayList<>();
        int end = command.indexOf("--");
        for (int index = 0; index < end; index++) {
            String option = command.get(index);
            if (List.of("--bind", "--bind-try", "--dev-bind", "--dev-bind-try", "--ro-bind", "--ro-bind-try").contains(option)) {
                mounts.add(new Mount(option, command.get(index + 1), command.get(index + 2)));
            }
        }
        return mounts;
    }

    private static Map<String, String> setenvs(List<String> command) {
        Map<String, String> variables = new java.util.TreeMap<>();
        int end = command.indexOf("--");
        for (int index = 0; index < end; index++) {
            if (command.get(index).equals("--setenv")) {
                variables.put(command.get(index + 1), command.get(index + 2));
            }
        }
        return variables;
    }
}
