package org.lean3assist.bridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the command line that runs a program under bubblewrap, and knows the two shapes it takes.
 *
 * <p>For an ordinary user: {@code env -i bwrap --unshare-all --uid 65534 ... -- prlimit ... -- program}.
 * bubblewrap makes a user namespace in which the program is unprivileged.
 *
 * <p>For root: {@code env -i bwrap --unshare-{ipc,pid,net,uts,cgroup-try} ... -- setpriv --reuid=65534 ...
 * -- unshare --user --map-current-user -- prlimit ... -- program}. Here bubblewrap's own user
 * namespace would be useless, because it maps the program's uid to the real uid 0, and the kernel
 * never enforces {@code RLIMIT_NPROC} on a process whose real uid is 0 outside every user
 * namespace: a fork bomb would meet no limit. So bubblewrap sets
 * up the mounts as root without a user namespace (root can bind the toolchain even from a
 * {@code /root} that only root may enter), {@code setpriv} then becomes uid 65534 and drops every
 * capability, and {@code unshare} puts the program in a user namespace of its own. The kernel
 * counts {@code RLIMIT_NPROC} per user namespace and uid, so that namespace gives each sandbox its
 * own process budget, not one shared by every process of uid 65534 on the machine.
 *
 * <p>Both shapes start with {@code env -i}: bubblewrap's PID 1 inside the sandbox is a copy of
 * bubblewrap itself, and its {@code /proc/1/environ} is readable by a sandboxed program of the
 * same uid, so bubblewrap must not be given the editor's environment in the first place
 * ({@code --clearenv} only clears the program's copy).
 *
 * <p>Both run {@code prlimit} inside, as the last step before the program, rather than around
 * bubblewrap: the limits then do not constrain bubblewrap's own setup, and {@code RLIMIT_NPROC} is
 * set inside the sandbox's user namespace, where it counts the sandbox's processes alone. Set
 * outside, it would also be checked against all of the user's processes on the machine when the
 * namespace is made.
 */
final class BubblewrapCommand {

    /** The uid and gid ("nobody") the program runs as inside: one that owns no file on the machine. */
    static final int SANDBOX_UID = 65534;

    /** The hostname inside, so the program does not learn the machine's. */
    static final String SANDBOX_HOSTNAME = "lean3assist-sandbox";

    /** Top-level directories that are either symlinks into {@code /usr} (merged /usr) or real directories. */
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /**
     * The only file of {@code /etc} a dynamically linked program needs: the dynamic loader's cache.
     * Without it the loader still finds libraries in its built-in directories, only slower; with
     * more of {@code /etc} the program would learn the machine's users, hosts and configuration.
     */
    private static final String LOADER_CACHE = "/etc/ld.so.cache";

    /** How the program ends up unprivileged: see the class comment. */
    enum Shape {
        /** bubblewrap's own user namespace; for a caller that is not root. */
        UNPRIVILEGED_CALLER,
        /** Mounts as root, then setpriv and unshare; for a caller that is root. */
        ROOT_CALLER
    }

    /** The programs the command line is made of, each an absolute path found on {@code PATH}. */
    record Tools(Path bwrap, Path env, Path prlimit, Path setpriv, Path unshare) {
    }

    private final Tools tools;
    private final Shape shape;
    private final String bubblewrapVersion;

    BubblewrapCommand(Tools tools, Shape shape, String bubblewrapVersion) {
        this.tools = tools;
        this.shape = shape;
        this.bubblewrapVersion = bubblewrapVersion;
    }

    /** The first line of {@code bwrap --version}, such as {@code bubblewrap 0.8.0}. */
    String bubblewrapVersion() {
        return bubblewrapVersion;
    }

    Shape shape() {
        return shape;
    }

    /**
     * The command line that runs {@code argv} confined by {@code spec}. It creates the scratch
     * directory if missing and, for a root caller, opens it to the sandbox's group, the only
     * one besides root's that may write there.
     */
    List<String> wrap(List<String> argv, SandboxSpec spec) {
        prepareScratch(spec.scratch());
        List<String> command = new ArrayList<>();
        command.add(tools.env().toString());
        command.add("-i");
        command.add(tools.bwrap().toString());
        addNamespaces(command);
        command.addAll(List.of("--hostname", SANDBOX_HOSTNAME));
        // --die-with-parent: the sandbox dies when whoever started bwrap dies, even by SIGKILL;
        // and since bwrap itself ends when the program does, so does anything the program left
        // running in the background (without it, bubblewrap's PID 1 would wait for those).
        // --new-session: the program cannot push keystrokes into the editor's terminal (TIOCSTI).
        command.addAll(List.of("--die-with-parent", "--new-session", "--clearenv"));
        spec.environment().forEach((name, value) -> command.addAll(List.of("--setenv", name, value)));
        addSystemFiles(command, spec);
        addSpecBinds(command, spec);
        command.addAll(List.of("--chdir", spec.workingDirectory().toString(), "--"));
        if (shape == Shape.ROOT_CALLER) {
            command.addAll(List.of(tools.setpriv().toString(),
                    "--reuid=" + SANDBOX_UID, "--regid=" + SANDBOX_UID, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--",
                    tools.unshare().toString(), "--user", "--map-current-user", "--"));
        }
        command.addAll(List.of(tools.prlimit().toString(),
                "--as=" + mebibytes(spec.addressSpaceMb()),
                "--fsize=" + mebibytes(spec.fileSizeMb()),
                "--nproc=" + spec.processes(),
                "--nofile=" + spec.openFiles(),
                "--"));
        command.addAll(argv);
        return List.copyOf(command);
    }

    private void addNamespaces(List<String> command) {
        if (shape == Shape.UNPRIVILEGED_CALLER) {
            command.addAll(List.of("--unshare-all", "--uid", String.valueOf(SANDBOX_UID), "--gid", String.valueOf(SANDBOX_UID)));
        } else {
            // Every namespace of --unshare-all but the user namespace, which unshare makes later.
            // Of root's capabilities only those setpriv needs to become uid 65534 reach the sandbox.
            command.addAll(List.of("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                    "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"));
        }
    }

    private static void addSystemFiles(List<String> command, SandboxSpec spec) {
        command.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String directory : SYSTEM_DIRECTORIES) {
            Path path = Path.of(directory);
            if (Files.isSymbolicLink(path)) {
                try {
                    command.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), directory));
                } catch (IOException unreadable) {
                    throw new UncheckedIOException("cannot read the symlink " + directory, unreadable);
                }
            } else if (Files.isDirectory(path)) {
                command.addAll(List.of("--ro-bind", directory, directory));
            }
        }
        // Directories bubblewrap makes on its own are private to root, which the program of a
        // root caller is not; every directory made here is therefore given 0755 explicitly.
        command.addAll(List.of("--perms", "0755", "--dir", "/etc", "--ro-bind-try", LOADER_CACHE, LOADER_CACHE));
        command.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        // A private /tmp, writable by the program, and no bigger than one file may be: it lives
        // in memory, where RLIMIT_FSIZE alone would let many small files grow without bound.
        command.addAll(List.of("--perms", "1777", "--size", String.valueOf(mebibytes(spec.fileSizeMb())), "--tmpfs", "/tmp"));
    }

    /**
     * Binds the spec's paths, parents before children, so that a read-only path inside the
     * scratch directory is mounted over it rather than hidden beneath it, and the reverse.
     */
    private static void addSpecBinds(List<String> command, SandboxSpec spec) {
        record Bind(Path path, boolean writable) {
        }
        List<Bind> binds = new ArrayList<>();
        spec.readOnly().forEach(path -> binds.add(new Bind(path, false)));
        binds.add(new Bind(spec.scratch(), true));
        binds.sort(Comparator.comparingInt(bind -> bind.path().getNameCount()));

        Set<Path> madeDirectories = new HashSet<>(List.of(Path.of("/etc"), Path.of("/tmp")));
        List<Path> visibleTrees = new ArrayList<>(List.of(Path.of("/usr"), Path.of("/proc"), Path.of("/dev")));
        SYSTEM_DIRECTORIES.forEach(directory -> visibleTrees.add(Path.of(directory)));
        for (Bind bind : binds) {
            for (int depth = 1; depth < bind.path().getNameCount(); depth++) {
                Path parent = bind.path().getRoot().resolve(bind.path().subpath(0, depth));
                boolean alreadyThere = visibleTrees.stream().anyMatch(parent::startsWith);
                if (!alreadyThere && madeDirectories.add(parent)) {
                    command.addAll(List.of("--perms", "0755", "--dir", parent.toString()));
                }
            }
            String path = bind.path().toString();
            command.addAll(List.of(bind.writable() ? "--bind" : "--ro-bind-try", path, path));
            visibleTrees.add(bind.path());
        }
    }

    private void prepareScratch(Path scratch) {
        try {
            Files.createDirectories(scratch);
            if (shape == Shape.ROOT_CALLER) {
                // The directory stays root's, so that bubblewrap, which has dropped root's power
                // to ignore permissions, can still enter it for --chdir; the sandbox's group may
                // write in it, and no one else may.
                Files.setAttribute(scratch, "unix:gid", SANDBOX_UID);
                Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwx---"));
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot prepare the sandbox's scratch directory " + scratch, failed);
        }
    }

    private static long mebibytes(long count) {
        return Math.multiplyExact(count, 1024L * 1024L);
    }
}
