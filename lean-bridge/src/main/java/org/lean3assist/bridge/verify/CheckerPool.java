package org.lean3assist.bridge.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.locate.LeanInstallation;
import org.lean3assist.bridge.protocol.InfoResponse;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.sandbox.SandboxSpec;
import org.lean3assist.bridge.sandbox.SandboxUnavailableException;
import org.lean3assist.bridge.transport.LeanCommand;
import org.lean3assist.bridge.transport.ProcessTransport;

/**
 * The Lean processes that check untrusted text (candidate replays, formalized statements), apart
 * from the Lean that checks the user's buffers: a replay that hangs, crashes its Lean or fills its
 * memory costs one checker, never the user's diagnostics and goals.
 *
 * <p>Each slot holds at most one Lean, started on first use, and checks one thing at a time, so
 * every message a checker holds is about that one thing. A checker whose Lean timed out or died
 * is discarded: its process is killed, and the slot starts a fresh one when next acquired. The
 * Leans are started by a {@link Launcher}, which puts them in the OS sandbox when there is one.
 */
public final class CheckerPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CheckerPool.class.getName());

    /** Lean's {@code -j} for a checker when the settings leave it to Lean. */
    static final int CHECKER_THREADS = 2;

    /** Starts the Lean of one slot; its settings should allow no restart, since a dead checker is replaced whole. */
    @FunctionalInterface
    public interface Launcher {
        LeanServer start(int slot) throws IOException;
    }

    /**
     * How the checkers are confined.
     *
     * @param sandboxed   whether they run in the OS sandbox
     * @param description one line for status displays, e.g. why they are not sandboxed
     */
    public record Confinement(boolean sandboxed, String description) {
    }

    private final Launcher launcher;
    private final Confinement confinement;
    private final Optional<Path> scratchRoot;
    private final BlockingQueue<Integer> freeSlots;
    private final LeanServer[] leans;
    private final String[] lastFileName;
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean closed;

    public CheckerPool(Launcher launcher, int size, Confinement confinement) {
        this(launcher, size, confinement, Optional.empty());
    }

    private CheckerPool(Launcher launcher, int size, Confinement confinement, Optional<Path> scratchRoot) {
        this.scratchRoot = scratchRoot;
        if (size <= 0) {
            throw new IllegalArgumentException("a checker pool needs at least one slot, not " + size);
        }
        this.launcher = launcher;
        this.confinement = confinement;
        this.freeSlots = new ArrayBlockingQueue<>(size);
        this.leans = new LeanServer[size];
        this.lastFileName = new String[size];
        for (int slot = 0; slot < size; slot++) {
            freeSlots.add(slot);
        }
    }

    /**
     * The checkers of one project: {@code settings.replayConcurrency()} Leans started in
     * {@code projectRoot} with the settings' limits, each inside {@code sandbox} with a scratch
     * directory of its own as the only writable place. What they may read: the Lean toolchain, the
     * project (its dependencies under {@code _target} included), and the directories its
     * {@code leanpkg.path} and {@code LEAN_PATH} name.
     */
    public static CheckerPool forProject(LeanInstallation lean, Path projectRoot, LeanBridgeSettings settings,
                                         Sandbox sandbox) throws IOException {
        Path scratchRoot = Files.createTempDirectory("lean3assist-checkers-");
        List<Path> readable = readablePaths(lean, projectRoot);
        // A checker that dies is replaced whole by the pool, not restarted in place.
        LeanBridgeSettings checkerSettings = settings.withRestartBackoff(settings.restartBackoff(),
                settings.maxRestartBackoff(), 0);
        Launcher launcher = slot -> {
            Path scratch = Files.createDirectories(scratchRoot.resolve("checker-" + slot));
            List<String> argv = new ArrayList<>();
            argv.add(lean.executable().toAbsolutePath().toString());
            // One replay at a time gains little from many threads, and each counts against the
            // sandbox's process limit; Lean's own choice would be one per core.
            argv.addAll(checkerSettings.threads() > 0 ? checkerSettings.serverArguments()
                    : checkerSettings.withLimits(settings.memoryLimitMb(), settings.deterministicTimeout(), CHECKER_THREADS)
                            .serverArguments());
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("PATH", "/usr/bin:/bin");
            environment.put("HOME", scratch.toString());
            String leanPath = System.getenv("LEAN_PATH");
            if (leanPath != null) {
                environment.put("LEAN_PATH", leanPath);
            }
            SandboxSpec spec = SandboxSpec.forLean(readable, scratch, projectRoot, addressSpaceMb(settings))
                    .withEnvironment(environment);
            return LeanServer.start(ProcessTransport.factory(new LeanCommand(sandbox.wrap(argv, spec), projectRoot)),
                    checkerSettings);
        };
        return new CheckerPool(launcher, settings.replayConcurrency(),
                new Confinement(sandbox.confines(), sandbox.describe()), Optional.of(scratchRoot));
    }

    /**
     * The checkers of one project as the settings' sandbox mode has them: in the sandbox where it
     * works (or always, for {@code REQUIRED}), else unconfined (for {@code AUTO}, with a warning
     * logged once, and {@code OFF}). Where {@code REQUIRED} cannot be met, a pool that refuses every
     * check, saying why and how to install the sandbox: the editing Lean still runs. A sandbox that
     * could not read the project or the toolchain (see {@link Sandbox#unreadable}) does not work
     * there, and counts as missing.
     */
    public static CheckerPool forProject(LeanInstallation lean, Path projectRoot, LeanBridgeSettings settings)
            throws IOException {
        Sandbox sandbox;
        try {
            sandbox = Sandbox.forMode(settings.sandbox());
        } catch (SandboxUnavailableException unavailable) {
            return refusing(settings.replayConcurrency(), "replays are refused: " + unavailable.getMessage());
        }
        Optional<String> closed = sandbox.unreadable(readablePaths(lean, projectRoot));
        if (closed.isPresent()) {
            if (settings.sandbox() == SandboxMode.REQUIRED) {
                return refusing(settings.replayConcurrency(), "replays are refused: " + closed.get());
            }
            LOG.warning(() -> "replays in " + projectRoot + " run without the sandbox: " + closed.get());
            sandbox = Sandbox.none(closed.get());
        }
        return forProject(lean, projectRoot, settings, sandbox);
    }

    /** A pool that starts no Lean: every {@link #acquire()} fails with {@code reason}. */
    public static CheckerPool refusing(int size, String reason) {
        return new CheckerPool(slot -> {
            throw new IOException(reason);
        }, size, new Confinement(false, reason));
    }

    /**
     * The address-space limit of a checker: Lean's own {@code -M} bounds only what its allocator
     * counts (GMP's numbers escape it: a squaring loop grew one Lean to 6.4 GB under {@code -M 4096}),
     * so the sandbox adds a hard limit of {@code -M} plus a reserve for code, thread stacks and
     * allocator slack (a core-library checker peaks at about 430 MB of address space in all).
     */
    static long addressSpaceMb(LeanBridgeSettings settings) {
        return settings.memoryLimitMb() + ADDRESS_SPACE_RESERVE_MB;
    }

    /** What a checker may map beyond Lean's {@code -M}. */
    static final long ADDRESS_SPACE_RESERVE_MB = 1536;

    /** The toolchain's prefix, the project root, and the search path's directories, as they exist. */
    static List<Path> readablePaths(LeanInstallation lean, Path projectRoot) {
        Set<Path> paths = new LinkedHashSet<>();
        Path executable = lean.executable().toAbsolutePath();
        try {
            executable = executable.toRealPath();
        } catch (IOException notThere) {
            // The path as given is bound; a missing one fails at start with Lean's own error.
        }
        Path prefix = executable.getParent() == null ? null : executable.getParent().getParent();
        if (prefix != null) {
            paths.add(prefix);
        }
        paths.add(projectRoot.toAbsolutePath().normalize());
        Path leanpkgPath = projectRoot.resolve("leanpkg.path");
        if (Files.isRegularFile(leanpkgPath)) {
            try {
                for (String line : Files.readAllLines(leanpkgPath)) {
                    String entry = line.strip();
                    if (entry.startsWith("path ")) {
                        paths.add(projectRoot.resolve(entry.substring("path ".length()).strip()).toAbsolutePath().normalize());
                    }
                }
            } catch (IOException unreadable) {
                LOG.warning(() -> "could not read " + leanpkgPath + ": " + unreadable.getMessage());
            }
        }
        String leanPath = System.getenv("LEAN_PATH");
        if (leanPath != null) {
            for (String entry : leanPath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    paths.add(Path.of(entry).toAbsolutePath().normalize());
                }
            }
        }
        return paths.stream().filter(Files::exists).toList();
    }

    public int size() {
        return leans.length;
    }

    public Confinement confinement() {
        return confinement;
    }

    /** How many checker Leans were started so far: one per slot used, plus one per replacement. */
    public int started() {
        return started.get();
    }

    /**
     * A free checker, waiting for one; its Lean is started if the slot has none.
     *
     * @throws IOException when the Lean cannot be started (the slot stays free)
     */
    public Checker acquire() throws InterruptedException, IOException {
        if (closed) {
            throw new IOException("the checkers were shut down");
        }
        int slot = freeSlots.take();
        try {
            LeanServer lean;
            synchronized (this) {
                if (closed) {
                    throw new IOException("the checkers were shut down");
                }
                if (leans[slot] == null) {
                    leans[slot] = launcher.start(slot);
                    lastFileName[slot] = null;
                    started.incrementAndGet();
                }
                lean = leans[slot];
            }
            return new Checker(slot, lean);
        } catch (IOException | RuntimeException failed) {
            freeSlots.add(slot);
            throw failed;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            for (int slot = 0; slot < leans.length; slot++) {
                if (leans[slot] != null) {
                    leans[slot].killProcess();
                    leans[slot].close();
                    leans[slot] = null;
                }
            }
        }
        scratchRoot.ifPresent(CheckerPool::deleteQuietly);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException leftBehind) {
            LOG.fine(() -> "could not remove " + directory + ": " + leftBehind.getMessage());
        }
    }

    /** One slot, held by one check until {@link #close()}. */
    public final class Checker implements AutoCloseable {
        private final int slot;
        private final LeanServer lean;
        private boolean released;

        private Checker(int slot, LeanServer lean) {
            this.slot = slot;
            this.lean = lean;
        }

        public int slot() {
            return slot;
        }

        /**
         * The checker's Lean, for this package only: its public methods include syncs of tracked
         * documents, which would take any string. Callers read it through the methods below.
         */
        LeanServer lean() {
            return lean;
        }

        /**
         * Sends {@code content} under {@code fileName}. A different file this checker held before is
         * emptied first, so that its messages do not linger in every later list.
         */
        public CompletableFuture<Void> sync(String fileName, ScreenedContent content) {
            String previous;
            synchronized (CheckerPool.this) {
                previous = lastFileName[slot];
                lastFileName[slot] = fileName;
            }
            CompletableFuture<Void> emptied = previous == null || previous.equals(fileName)
                    ? CompletableFuture.completedFuture(null)
                    : lean.syncUntracked(previous, ScreenedContent.EMPTY);
            return emptied.thenCompose(done -> lean.syncUntracked(fileName, content));
        }

        /** Completes when Lean has checked everything synced so far, plus the trailing wait. */
        public CompletableFuture<Void> awaitChecked() {
            return lean.awaitChecked();
        }

        /** Completes when Lean has checked everything synced so far, without the trailing wait. */
        public CompletableFuture<Void> awaitBarrier() {
            return lean.awaitBarrier();
        }

        /** Every message this checker's Lean holds, of every file, in Lean's order. */
        public List<LeanMessage> allMessages() {
            return lean.allMessages();
        }

        /** The messages this checker's Lean holds for one file name. */
        public List<LeanMessage> messages(String fileName) {
            return lean.messages(fileName);
        }

        /** Lean's {@code info} at a position of a file this checker was given. */
        public CompletableFuture<InfoResponse> info(String fileName, LeanPosition position) {
            return lean.info(fileName, position);
        }

        /** Kills this checker's Lean (a timeout, a crash); the slot starts a fresh one when next used. */
        public void discard(String why) {
            LOG.warning(() -> "replacing checker " + slot + ": " + why);
            synchronized (CheckerPool.this) {
                if (leans[slot] == lean) {
                    leans[slot] = null;
                }
            }
            lean.killProcess();
            lean.close();
        }

        /** Frees the slot. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                freeSlots.add(slot);
            }
        }
    }
}
