package org.lean3assist.bridge.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import org.lean3assist.bridge.protocol.LeanProcessException;
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
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportListener;

/**
 * The Lean processes that check untrusted text (candidate replays, formalized statements), apart
 * from the Lean that checks the user's buffers: a replay that hangs, crashes its Lean or fills its
 * memory costs one checker, never the user's diagnostics and goals.
 *
 * <p>Each slot holds at most one Lean, started on first use, and checks one thing at a time, so
 * every message a checker holds is about that one thing. A checker whose Lean timed out or died
 * is discarded: its process is killed, and the slot starts a fresh one when next acquired. The
 * Leans are started by a {@link Launcher}, which puts them in the OS sandbox when there is one.
 *
 * <p>{@link #warm} starts the Leans ahead of the first check and has each import the user's file
 * header, which with mathlib is most of a first replay's time; a replaced Lean is warmed again.
 * A Lean free and unused for longer than the idle timeout is stopped by a daemon reaper (a mathlib
 * checker holds hundreds of MB and more), and the next acquire starts a fresh one. Every text a checker is given is
 * a {@link ScreenedContent}.
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
     * Starts a {@link TacticSession}'s Lean: writes {@code content} to a new file in a scratch
     * directory of its own and runs {@code lean FILE} on it, confined as the checkers are, with
     * the same memory limit and readable paths.
     */
    @FunctionalInterface
    public interface SessionLauncher {
        Transport start(String content, TransportListener listener) throws IOException;
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
    private final Optional<SessionLauncher> sessionLauncher;
    private final BlockingQueue<Integer> freeSlots;
    private final LeanServer[] leans;
    private final String[] lastFileName;
    /** Per slot, the warm-up its running Lean has checked; null when none or the Lean was replaced. */
    private final Warmup[] warmed;
    /** Per slot, when it was last freed (or its Lean started), on {@link #ticker}. */
    private final long[] lastUsed;
    private final AtomicInteger started = new AtomicInteger();
    private final Duration idleTimeout;
    private final LongSupplier ticker;
    /** Warm-ups and re-warms: they start Leans and wait for them, never on a caller's thread. */
    private final ExecutorService background;
    private final Optional<ScheduledExecutorService> reaper;
    /** The header of the last {@link #warm}, for Leans started later; null before the first. */
    private Warmup lastWarmup;
    /** The warm in progress, if any, and what it warms. */
    private CompletableFuture<Void> warming;
    private Warmup warmingWhat;
    private volatile boolean closed;

    /** A pool whose idle checkers exit after the default {@link LeanBridgeSettings#checkerIdleTimeout()}. */
    public CheckerPool(Launcher launcher, int size, Confinement confinement) {
        this(launcher, size, confinement, LeanBridgeSettings.defaults().checkerIdleTimeout());
    }

    /** A pool whose checkers are stopped after {@code idleTimeout} free and unused. */
    public CheckerPool(Launcher launcher, int size, Confinement confinement, Duration idleTimeout) {
        this(launcher, size, confinement, Optional.empty(), Optional.empty(), idleTimeout, System::nanoTime, true);
    }

    /**
     * The same on a given clock, for tests: with {@code scheduleReaper} false nothing stops idle
     * checkers but a call of {@link #reapIdle()}.
     */
    CheckerPool(Launcher launcher, int size, Confinement confinement, Duration idleTimeout, LongSupplier ticker,
                boolean scheduleReaper) {
        this(launcher, size, confinement, Optional.empty(), Optional.empty(), idleTimeout, ticker, scheduleReaper);
    }

    /** A pool that also starts tactic sessions with {@code sessionLauncher}; for tests and benches. */
    public CheckerPool(Launcher launcher, int size, Confinement confinement, SessionLauncher sessionLauncher) {
        this(launcher, size, confinement, Optional.empty(), Optional.of(sessionLauncher),
                LeanBridgeSettings.defaults().checkerIdleTimeout(), System::nanoTime, true);
    }

    private CheckerPool(Launcher launcher, int size, Confinement confinement, Optional<Path> scratchRoot,
                        Optional<SessionLauncher> sessionLauncher, Duration idleTimeout, LongSupplier ticker,
                        boolean scheduleReaper) {
        this.scratchRoot = scratchRoot;
        this.sessionLauncher = sessionLauncher;
        if (size <= 0) {
            throw new IllegalArgumentException("a checker pool needs at least one slot, not " + size);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("a checker's idle timeout is positive, not " + idleTimeout);
        }
        this.launcher = launcher;
        this.confinement = confinement;
        this.freeSlots = new ArrayBlockingQueue<>(size);
        this.leans = new LeanServer[size];
        this.lastFileName = new String[size];
        this.warmed = new Warmup[size];
        this.lastUsed = new long[size];
        this.idleTimeout = idleTimeout;
        this.ticker = ticker;
        for (int slot = 0; slot < size; slot++) {
            freeSlots.add(slot);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.background = Executors.newCachedThreadPool(runnable -> daemon(runnable,
                "lean-checker-warm-" + threadNumber.incrementAndGet()));
        if (scheduleReaper) {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable,
                    "lean-checker-reaper"));
            long period = reaperPeriod(idleTimeout).toMillis();
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    reapIdle();
                } catch (RuntimeException unexpected) {
                    LOG.log(Level.WARNING, "the idle-checker reaper failed", unexpected);
                }
            }, period, period, TimeUnit.MILLISECONDS);
            this.reaper = Optional.of(scheduler);
        } else {
            this.reaper = Optional.empty();
        }
    }

    /** How often the reaper looks: a tenth of the timeout, between a second and a minute. */
    static Duration reaperPeriod(Duration idleTimeout) {
        Duration tenth = idleTimeout.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
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
            return LeanServer.start(ProcessTransport.factory(new LeanCommand(
                    sandbox.wrap(argv, checkerSpec(readable, scratch, projectRoot, settings)), projectRoot)), checkerSettings);
        };
        AtomicInteger sessions = new AtomicInteger();
        SessionLauncher sessionLauncher = (content, listener) -> {
            Path scratch = Files.createDirectories(scratchRoot.resolve("session-" + sessions.incrementAndGet()));
            Path file = scratch.resolve("session.lean");
            Files.writeString(file, content);
            // Readable by the sandbox's uid; the scratch directory itself is closed to others.
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            // No -T: the whole session is one task, and Lean counts -T per task; each step gets
            // its own deterministic limit inside (TacticSession). One thread: a session runs one
            // step at a time.
            List<String> argv = List.of(lean.executable().toAbsolutePath().toString(),
                    "-M", Integer.toString(settings.memoryLimitMb()), "-j", "1", file.toString());
            return ProcessTransport.start(new LeanCommand(
                    sandbox.wrap(argv, checkerSpec(readable, scratch, projectRoot, settings)), projectRoot), listener);
        };
        return new CheckerPool(launcher, settings.replayConcurrency(),
                new Confinement(sandbox.confines(), sandbox.describe()), Optional.of(scratchRoot),
                Optional.of(sessionLauncher), settings.checkerIdleTimeout(), System::nanoTime, true);
    }

    /** What a checker Lean (or a session's) may see: the readable paths, its scratch, the project as working directory. */
    private static SandboxSpec checkerSpec(List<Path> readable, Path scratch, Path projectRoot,
                                           LeanBridgeSettings settings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("HOME", scratch.toString());
        String leanPath = System.getenv("LEAN_PATH");
        if (leanPath != null) {
            environment.put("LEAN_PATH", leanPath);
        }
        return SandboxSpec.forLean(readable, scratch, projectRoot, addressSpaceMb(settings)).withEnvironment(environment);
    }

    /**
     * The launcher of tactic sessions, confined as the checkers are; empty for a pool that refuses
     * every check and for pools made without one.
     */
    public Optional<SessionLauncher> sessions() {
        return sessionLauncher;
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

    /** How many slots have a Lean now (started, and neither replaced nor stopped for idling). */
    public synchronized int running() {
        int running = 0;
        for (LeanServer lean : leans) {
            running += lean == null ? 0 : 1;
        }
        return running;
    }

    /** How many slots are free now, for tests. */
    int free() {
        return freeSlots.size();
    }

    /**
     * A free checker, waiting for one; its Lean is started if the slot has none. When a Lean is
     * started here while a header is known from {@link #warm}, the other free slots are warmed in
     * the background, so that a pool whose checkers exited while idle comes back warm.
     *
     * @throws IOException when the Lean cannot be started (the slot stays free)
     */
    public Checker acquire() throws InterruptedException, IOException {
        if (closed) {
            throw new IOException("the checkers were shut down");
        }
        int slot = freeSlots.take();
        Warmup rewarm = null;
        try {
            LeanServer lean;
            synchronized (this) {
                if (startIfStopped(slot)) {
                    rewarm = lastWarmup;
                }
                lean = leans[slot];
            }
            if (rewarm != null) {
                warm(rewarm);
            }
            return new Checker(slot, lean, false);
        } catch (IOException | RuntimeException failed) {
            freeSlot(slot);
            throw failed;
        }
    }

    /**
     * Starts the Lean of a slot that has none, unless the pool is closed; the caller holds the slot
     * and this pool's lock.
     *
     * @return whether a Lean was started
     */
    private boolean startIfStopped(int slot) throws IOException {
        if (closed) {
            throw new IOException("the checkers were shut down");
        }
        if (leans[slot] != null) {
            return false;
        }
        leans[slot] = launcher.start(slot);
        lastFileName[slot] = null;
        warmed[slot] = null;
        lastUsed[slot] = ticker.getAsLong();
        started.incrementAndGet();
        return true;
    }

    private void freeSlot(int slot) {
        synchronized (this) {
            lastUsed[slot] = ticker.getAsLong();
        }
        freeSlots.add(slot);
    }

    // ---- warm-up -----------------------------------------------------------------------------

    /**
     * Warms the checkers for a file: takes the leading import header of {@code sourceText} (its
     * module names only; see {@link ImportHeader}), starts the Lean of every free slot that has
     * none, and on each free checker checks a file of just that header, under the name replays of
     * {@code fileName} use on that checker (beside it, so relative imports resolve as they do for
     * it; see {@link #warmUpName}), then frees the slot. A Lean 3 server keeps the modules it
     * imported for every later file, so the first replay there does not load them again: with
     * {@code import data.real.basic} the first replay on a cold checker took 5.3–6.3 s, on a warmed
     * one 2.5–2.9 s, as long as any later replay (the warm-up itself 3.6–4.0 s, in the background). Slots busy with a check (or another warm-up) are left as they are. The pool remembers the header:
     * a checker replaced after a timeout or a crash is warmed with it before it is used again, and
     * a start after idle checkers were stopped warms the others in the background.
     *
     * <p>Never blocks: the returned future completes when every slot taken has been warmed (or has
     * failed to start, which fails it). A second call for the same file and header while one is
     * running returns the same future and does nothing more; a slot already warmed with it is not
     * warmed again. Cancelling the future stops the waiting at once and frees every slot it holds;
     * the Lean goes on loading what it started, harmlessly, until the next check empties the file.
     */
    public CompletableFuture<Void> warm(String fileName, String sourceText) {
        return warm(new Warmup(Path.of(fileName).toAbsolutePath(), ImportHeader.of(sourceText)));
    }

    /**
     * The name the warm-up of {@code source} is checked under on {@code slot}: the one the verifier's
     * live layout replays that file under there ({@link ShadowFiles#perSlot()}), beside it so that
     * relative imports resolve. The name does not matter to Lean's module cache (a warm-up under
     * another name beside the file warmed the first replay as well, in the same measurement), but
     * under this one the first replay needs no sync to empty the warm-up file.
     */
    static String warmUpName(Path source, int slot) {
        return ShadowFiles.perSlot().shadowFor(source, slot);
    }

    private CompletableFuture<Void> warm(Warmup warmup) {
        CompletableFuture<Void> result;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("the checkers were shut down"));
            }
            lastWarmup = warmup;
            if (warming != null && !warming.isDone() && warmup.equals(warmingWhat)) {
                return warming;
            }
            result = new CompletableFuture<>();
            warming = result;
            warmingWhat = warmup;
        }
        try {
            background.execute(() -> {
                List<CompletableFuture<Void>> slots = new ArrayList<>();
                for (int slot = 0; slot < leans.length; slot++) {
                    if (!result.isDone() && freeSlots.remove(slot)) {
                        slots.add(warmHeld(slot, warmup, result));
                    }
                }
                CompletableFuture.allOf(slots.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
                    if (failure == null) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    }
                });
            });
        } catch (RejectedExecutionException shutDown) {
            result.completeExceptionally(new IOException("the checkers were shut down"));
        }
        return result;
    }

    /**
     * Warms a slot the caller holds, on a background thread: starts its Lean if it has none, checks
     * the warm-up file unless this Lean already did, and frees the slot whatever happens, at the
     * latest when {@code stop} completes (a cancelled warm) or {@link #WARM_UP_TIMEOUT} passes.
     */
    private CompletableFuture<Void> warmHeld(int slot, Warmup warmup, CompletableFuture<?> stop) {
        CompletableFuture<Void> warmedUp = new CompletableFuture<>();
        try {
            background.execute(() -> {
                Checker checker;
                try {
                    synchronized (this) {
                        startIfStopped(slot);
                        if (warmup.equals(warmed[slot])) {
                            freeSlot(slot);
                            warmedUp.complete(null);
                            return;
                        }
                        checker = new Checker(slot, leans[slot], true);
                    }
                } catch (IOException | RuntimeException cannotStart) {
                    LOG.info(() -> "checker " + slot + " could not be started for a warm-up: " + cannotStart.getMessage());
                    freeSlot(slot);
                    warmedUp.completeExceptionally(cannotStart);
                    return;
                }
                String name = warmUpName(warmup.source(), slot);
                // Twice: Lean keeps its snapshot after the fixed command only from a second check on.
                CompletableFuture<Void> checked = checker.sync(name, ScreenedContent.warmUp(warmup.header(), false))
                        .thenCompose(synced -> checker.awaitBarrier())
                        // A warm stopped meanwhile has freed its slot, which a check may hold by now.
                        .thenCompose(first -> stop.isDone()
                                ? CompletableFuture.<Void>failedFuture(new java.util.concurrent.CancellationException(
                                        "the warm-up was stopped"))
                                : checker.sync(name, ScreenedContent.warmUp(warmup.header(), true)))
                        .thenCompose(synced -> checker.awaitBarrier())
                        .orTimeout(WARM_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                CompletableFuture.anyOf(checked, stop).whenComplete((done, failure) -> {
                    if (checked.isDone() && !checked.isCompletedExceptionally()) {
                        synchronized (this) {
                            if (leans[slot] == checker.lean) {
                                warmed[slot] = warmup;
                            }
                        }
                    } else if (checked.isCompletedExceptionally() && causeOf(checked) instanceof LeanProcessException died) {
                        checker.discard("its Lean died while importing the warm-up header: " + died.getMessage());
                    } else if (checked.isCompletedExceptionally()) {
                        LOG.info(() -> "checker " + slot + " was not warmed: " + causeOf(checked));
                    }
                    checker.close();
                    warmedUp.complete(null);
                });
            });
        } catch (RejectedExecutionException shutDown) {
            freeSlot(slot);
            warmedUp.completeExceptionally(new IOException("the checkers were shut down"));
        }
        return warmedUp;
    }

    private static Throwable causeOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            return null;
        } catch (CompletionException | java.util.concurrent.CancellationException failure) {
            return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        }
    }

    /**
     * How long a warm-up may hold a slot: a cold mathlib import takes seconds, and one that takes
     * longer than this frees the slot rather than keep checks waiting; the Lean goes on importing.
     */
    static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(2);

    /** What a warm-up checks: the header of a source file, under that file's replay names. */
    private record Warmup(Path source, ImportHeader header) {
    }

    // ---- idle exit ---------------------------------------------------------------------------

    /**
     * Stops every checker whose slot has been free and unused for longer than the idle timeout;
     * a busy slot is never touched. The next {@link #acquire()} of such a slot starts a fresh Lean.
     * Run by a daemon reaper every {@link #reaperPeriod}; called directly by tests.
     *
     * @return how many Leans were stopped
     */
    int reapIdle() {
        List<LeanServer> stopped = new ArrayList<>();
        synchronized (this) {
            long now = ticker.getAsLong();
            for (int slot = 0; slot < leans.length; slot++) {
                if (leans[slot] == null || now - lastUsed[slot] <= idleTimeout.toNanos()) {
                    continue;
                }
                // Taken out of the free ones, so nothing acquires it while it is stopped.
                if (freeSlots.remove(slot)) {
                    stopped.add(leans[slot]);
                    leans[slot] = null;
                    lastFileName[slot] = null;
                    warmed[slot] = null;
                    freeSlots.add(slot);
                    int idle = slot;
                    LOG.info(() -> "stopping checker " + idle + ", free for more than " + idleTimeout);
                }
            }
        }
        for (LeanServer lean : stopped) {
            lean.killProcess();
            lean.close();
        }
        return stopped.size();
    }

    @Override
    public void close() {
        closed = true;
        reaper.ifPresent(ExecutorService::shutdownNow);
        CompletableFuture<Void> warmingNow;
        List<LeanServer> running = new ArrayList<>();
        synchronized (this) {
            warmingNow = warming;
            for (int slot = 0; slot < leans.length; slot++) {
                if (leans[slot] != null) {
                    running.add(leans[slot]);
                    leans[slot] = null;
                    warmed[slot] = null;
                }
            }
        }
        // Killed outside the pool's lock: a dying Lean fails its requests under its own lock, and
        // what waits on them (a warm-up, a check) may take the pool's.
        for (LeanServer lean : running) {
            lean.killProcess();
            lean.close();
        }
        if (warmingNow != null) {
            warmingNow.completeExceptionally(new IOException("the checkers were shut down"));
        }
        background.shutdownNow();
        scratchRoot.ifPresent(CheckerPool::deleteQuietly);
    }

    private static void deleteQuietly(Path directory) {
        try {
            org.lean3assist.bridge.sandbox.Directories.deleteTree(directory);
        } catch (IOException leftBehind) {
            LOG.fine(() -> "could not remove " + directory + ": " + leftBehind.getMessage());
        }
    }

    /** One slot, held by one check until {@link #close()}. */
    public final class Checker implements AutoCloseable {
        private final int slot;
        private final LeanServer lean;
        /** Whether this is a warm-up's hold, which is never warmed again when its Lean is discarded. */
        private final boolean warmUp;
        private boolean discarded;
        private boolean released;

        private Checker(int slot, LeanServer lean, boolean warmUp) {
            this.slot = slot;
            this.lean = lean;
            this.warmUp = warmUp;
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
            // Under this handle's lock, so that nothing is sent once it is given back: the slot may
            // be another check's by then (a warm-up stopped midway, for one).
            synchronized (this) {
                if (released) {
                    return CompletableFuture.failedFuture(new IllegalStateException(
                            "checker " + slot + " was given back; nothing more is sent through this handle"));
                }
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

        /**
         * Kills this checker's Lean (a timeout, a crash); the slot starts a fresh one when next used,
         * warmed first with the last warm-up's header if there was one.
         */
        public void discard(String why) {
            LOG.warning(() -> "replacing checker " + slot + ": " + why);
            synchronized (CheckerPool.this) {
                if (leans[slot] == lean) {
                    leans[slot] = null;
                    warmed[slot] = null;
                }
                discarded = true;
            }
            lean.killProcess();
            lean.close();
        }

        /**
         * Frees the slot. After a {@link #discard} with a header known, the slot's fresh Lean is
         * started and warmed in the background first, and the slot is freed when that is done.
         */
        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            Warmup rewarm;
            synchronized (CheckerPool.this) {
                rewarm = discarded && !warmUp && !closed && leans[slot] == null ? lastWarmup : null;
            }
            if (rewarm == null) {
                freeSlot(slot);
            } else {
                warmHeld(slot, rewarm, new CompletableFuture<>());
            }
        }
    }
}
