package org.lean3assist.bridge.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Turns a command line into one that runs confined, or, for a sandbox that does not confine,
 * leaves it as it is. Build one with {@link #forMode}; the answer to whether bubblewrap works is
 * found once per JVM by {@link #availability()}.
 *
 * <p>A confined program sees {@code /usr} (and the {@code /bin}, {@code /lib} links into it), the
 * dynamic loader's cache, a fresh {@code /proc} and {@code /dev}, a private {@code /tmp}, the
 * spec's read-only paths and its scratch directory, and nothing else of the machine: no home
 * directory, no {@code /root}, no network, no other process. It runs as uid 65534 with no
 * capabilities, in its own session, with only the spec's environment and under its limits. Every
 * process it starts dies when it ends, and all of them die when the process that started
 * bubblewrap dies.
 *
 * <p>bubblewrap's {@code --die-with-parent} means the parent <em>thread</em>: Linux sends the
 * death signal when the thread that started the process ends, not only when the whole JVM does.
 * {@link #start(ProcessBuilder)} starts processes from a thread that lives as long as the JVM.
 */
public final class Sandbox {

    /** How to get the sandbox, for messages that say it is missing. */
    public static final String INSTALL_HINT = "Install bubblewrap (Debian/Ubuntu: apt install bubblewrap; "
            + "Fedora: dnf install bubblewrap); it also needs prlimit and, when the server runs as root, setpriv and "
            + "unshare, all from util-linux. macOS and Windows have no such sandbox: there, set lean3Assist.sandbox to "
            + "\"off\" to run replays of model output unconfined.";

    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());

    /** Whether the warning about running unconfined in the auto mode has been given in this JVM. */
    private static final AtomicBoolean UNCONFINED_WARNING_GIVEN = new AtomicBoolean();

    /**
     * Whether the sandbox works here.
     *
     * @param available whether bubblewrap was found and a trial run with the real command line succeeded
     * @param detail what was found ("bubblewrap 0.8.0 at /usr/bin/bwrap") or why it does not work
     *     ("bubblewrap not found on PATH", "bwrap: setting up uid map: Permission denied")
     */
    public record Availability(boolean available, String detail) {
    }

    private final Optional<BubblewrapCommand> command;
    private final String description;

    private Sandbox(Optional<BubblewrapCommand> command, String description) {
        this.command = command;
        this.description = description;
    }

    /** Whether bubblewrap works on this machine; probed once per JVM, by a trial run, and remembered. */
    public static Availability availability() {
        return ThisMachine.PROBE.availability();
    }

    /**
     * The sandbox the setting asks for. {@code OFF} gives one that does not confine. {@code AUTO}
     * gives a confining one when bubblewrap works, else one that does not confine, and logs a
     * warning (once per JVM) saying why and how to install it. {@code REQUIRED} gives a confining
     * one or throws.
     *
     * @throws SandboxUnavailableException for {@code REQUIRED} when bubblewrap does not work here;
     *     its message says why and how to install it
     */
    public static Sandbox forMode(SandboxMode mode) throws SandboxUnavailableException {
        return forMode(mode, ThisMachine.PROBE, UNCONFINED_WARNING_GIVEN);
    }

    /** {@link #forMode(SandboxMode)} on a given probe outcome, with its own once-only warning flag. */
    static Sandbox forMode(SandboxMode mode, SandboxProbe.Outcome probe, AtomicBoolean unconfinedWarningGiven)
            throws SandboxUnavailableException {
        switch (mode) {
            case OFF:
                return none("the lean3Assist.sandbox setting is \"off\"");
            case REQUIRED:
                if (probe.command().isEmpty()) {
                    throw new SandboxUnavailableException(probe.availability().detail());
                }
                return confining(probe.command().get());
            case AUTO:
            default:
                if (probe.command().isPresent()) {
                    return confining(probe.command().get());
                }
                if (unconfinedWarningGiven.compareAndSet(false, true)) {
                    LOG.warning("Lean replays of model output run without a sandbox: " + probe.availability().detail()
                            + ". " + INSTALL_HINT + " Set lean3Assist.sandbox to \"required\" to refuse to run them unconfined.");
                }
                return none(probe.availability().detail());
        }
    }

    /** A sandbox that confines nothing (for tests, and for the {@code off} setting); {@code why} is shown by {@link #describe()}. */
    public static Sandbox none(String why) {
        return new Sandbox(Optional.empty(), "not sandboxed: " + why);
    }

    /** Whether {@link #wrap} really confines. */
    public boolean confines() {
        return command.isPresent();
    }

    /**
     * One line for status displays and {@code --json}, such as
     * {@code sandboxed (bubblewrap 0.8.0: no network, own PID space, read-only files)} or
     * {@code not sandboxed: bubblewrap not found on PATH}.
     */
    public String describe() {
        return description;
    }

    /**
     * The command line to start instead of {@code argv}. It creates the spec's scratch directory
     * if missing. When {@link #confines()} is false it returns {@code argv} unchanged, and then
     * <em>none</em> of the spec applies: not its limits, not its environment, not its paths.
     *
     * @param argv the program and its arguments; {@code argv.get(0)} must be an absolute path,
     *     since inside the sandbox no {@code PATH} search of the caller's applies
     */
    public List<String> wrap(List<String> argv, SandboxSpec spec) {
        if (command.isEmpty()) {
            return List.copyOf(argv);
        }
        if (argv.isEmpty() || !Path.of(argv.get(0)).isAbsolute()) {
            throw new IllegalArgumentException("the program to sandbox must be an absolute path: " + argv);
        }
        return command.get().wrap(argv, spec);
    }

    /**
     * Why the confined program could not read one of {@code paths}, if it could not. For a root
     * caller the program runs as "nobody" (so that the process limit binds), and a bound directory
     * keeps its own permission bits: one that others may not read and enter (a JUnit temporary
     * directory, a project made with {@code umask 077}) is closed to it. The parents do not matter:
     * inside, the sandbox makes its own. An ordinary user's program keeps that user's access.
     */
    public Optional<String> unreadable(List<Path> paths) {
        if (command.isEmpty() || command.get().shape() != BubblewrapCommand.Shape.ROOT_CALLER) {
            return Optional.empty();
        }
        for (Path path : paths) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                boolean directory = Files.isDirectory(path);
                boolean open = permissions.contains(PosixFilePermission.OTHERS_READ)
                        && (!directory || permissions.contains(PosixFilePermission.OTHERS_EXECUTE));
                if (!open) {
                    return Optional.of("the server runs as root, so the sandboxed checkers run as nobody, and " + path
                            + " (" + PosixFilePermissions.toString(permissions) + ") is closed to others: make it"
                            + " readable by others (chmod o+rX) or set lean3Assist.sandbox to \"off\"");
                }
            } catch (IOException | UnsupportedOperationException unknown) {
                return Optional.of("the permissions of " + path + " could not be read: " + unknown.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Starts {@code builder} (typically on a command line from {@link #wrap}) from a thread that
     * lives as long as the JVM. Use it for a process that should outlive the thread asking for
     * it: bubblewrap kills the sandbox when the thread that started it ends.
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        return LauncherThread.start(builder);
    }

    /**
     * Kills a process from {@link #start} and every process below it, those first: a sandbox wrapper
     * killed alone can leave its own child behind (a bwrap killed while it was still setting up left
     * its pid-namespace child waiting forever, a process that ignores SIGTERM and that nothing reaps).
     */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static Sandbox confining(BubblewrapCommand command) {
        return new Sandbox(Optional.of(command),
                "sandboxed (" + command.bubblewrapVersion() + ": no network, own PID space, read-only files)");
    }

    /** The probe of this machine, made when first asked for and kept for the JVM's life. */
    private static final class ThisMachine {
        static final SandboxProbe.Outcome PROBE = SandboxProbe.probeThisProcess();
    }
}
