package org.lean3assist.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.locate.LeanInstallation;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.bridge.verify.VerifyRequest;

/**
 * What the checker pool's size buys: 16 candidates verified at one site, on warmed checkers, with
 * pools of each given size, for a core-only file and (given a built mathlib project) the same proof
 * under {@code import data.real.basic}. Each configuration gets a fresh editing Lean (the file open
 * and checked) and a fresh pool, unsandboxed (the replays alone are measured; the sandbox's cost is
 * {@link BridgeBench}'s). The checkers' memory is read from {@code /proc} where there is one.
 */
final class PoolBench {

    private static final String SOURCE_RESOURCE = "pool_site.lean";
    private static final String CANDIDATES_RESOURCE = "pool_candidates.txt";
    static final String MATHLIB_IMPORT = "import data.real.basic\n\n";
    private static final String FILE_NAME = "lean3assist_pool_bench.lean";
    private static final long WAIT_SECONDS = 600;

    private PoolBench() {
    }

    static PoolBenchResult run(LeanInstallation lean, Path work, LeanBridgeSettings settings, Optional<Path> mathlib,
                               List<Integer> sizes) throws IOException, InterruptedException {
        String core = BridgeBench.resource(SOURCE_RESOURCE);
        List<String> candidates = BridgeBench.resource(CANDIDATES_RESOURCE).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        List<PoolBenchResult.Row> rows = new ArrayList<>();
        for (int size : sizes) {
            rows.add(measure("core", lean, work, core, candidates, size, settings));
        }
        if (mathlib.isPresent()) {
            for (int size : sizes) {
                rows.add(measure("mathlib", lean, mathlib.get(), MATHLIB_IMPORT + core, candidates, size, settings));
            }
        }
        return new PoolBenchResult(lean.versionLine(), Runtime.getRuntime().availableProcessors(), rows);
    }

    private static PoolBenchResult.Row measure(String kind, LeanInstallation lean, Path root, String source,
                                               List<String> candidates, int size, LeanBridgeSettings settings)
            throws IOException, InterruptedException {
        // The file is only named: the editing Lean and the checkers get its text inline.
        Path file = root.resolve(FILE_NAME);
        LeanPosition site = site(source);
        LeanBridgeSettings pooled = settings.withReplay(size, Duration.ofSeconds(120));
        Map<String, Integer> verdicts = new TreeMap<>();
        try (LeanServer editing = LeanServer.start(lean, root, pooled)) {
            editing.openDocument(file, 1, source).join();
            editing.waitUntilChecked(file).join();
            Set<Long> before = leanProcesses();
            try (CheckerPool checkers = CheckerPool.forProject(lean, root, pooled, Sandbox.none("the pool bench measures replays alone"));
                 Verifier verifier = new Verifier(editing, checkers)) {
                long warmStarted = System.nanoTime();
                checkers.warm(file.toString(), source).join();
                long warmUp = BridgeBench.millisSince(warmStarted);

                AtomicLong first = new AtomicLong(-1);
                long started = System.nanoTime();
                List<ReplayResult> results;
                try {
                    results = verifier.verify(new VerifyRequest(file, 1, source, site, candidates), result -> {
                        if (result.verdict() != Verdict.REJECTED) {
                            first.compareAndSet(-1, BridgeBench.millisSince(started));
                        }
                    }).get(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
                    throw new IOException("the pool bench's replays did not finish: " + failed, failed);
                }
                long all = BridgeBench.millisSince(started);
                results.forEach(result -> verdicts.merge(result.verdict().name(), 1, Integer::sum));
                List<Long> checkerPids = leanProcesses().stream().filter(pid -> !before.contains(pid)).sorted().toList();
                List<Long> rss = new ArrayList<>();
                List<Long> peak = new ArrayList<>();
                for (long pid : checkerPids) {
                    statusKb(pid, "VmRSS").ifPresent(kb -> rss.add(kb / 1024));
                    statusKb(pid, "VmHWM").ifPresent(kb -> peak.add(kb / 1024));
                }
                return new PoolBenchResult.Row(kind, size, candidates.size(), warmUp, Math.max(first.get(), 0), all,
                        verdicts, rss, peak);
            }
        }
    }

    /** The site: the first tactic of the block, on the line after {@code begin}. */
    static LeanPosition site(String source) {
        List<String> lines = source.lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).strip().equals("begin")) {
                String next = lines.get(index + 1);
                return new LeanPosition(index + 2, next.length() - next.stripLeading().length());
            }
        }
        throw new IllegalStateException("the pool bench's source has no begin … end block");
    }

    /** The Lean processes this JVM started and that still run, by pid. */
    private static Set<Long> leanProcesses() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().command().map(command -> Path.of(command).getFileName().toString()
                        .startsWith("lean")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** A {@code kB} field of {@code /proc/PID/status}, where there is one. */
    private static Optional<Long> statusKb(long pid, String field) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return Optional.of(Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
