package org.lean3assist.bridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.locate.LeanInstallation;
import org.lean3assist.bridge.locate.LeanLocator;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.ShadowFiles;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.bridge.verify.VerifyRequest;
import org.lean3assist.bridge.verify.VariantBuilder;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.sandbox.SandboxUnavailableException;

/**
 * Times verifying 16 candidate tactics through the bridge (running checker Leans, replays on
 * shadow files) against 16 one-shot {@code lean --json FILE} runs of the same variant files, on a
 * real Lean 3; and, where bubblewrap works, one replay on a warm sandboxed checker against one on a
 * warm plain checker. The candidates and the source file ship as resources of this
 * package, so the figures are comparable between machines.
 *
 * <p>Usage from a command line: {@code BridgeBench [--json] [--lean PATH]}; from code:
 * {@link #run(BenchOptions)}. With {@code --pools [--sizes 1,2,3] [--mathlib DIR]} it times the
 * checker pool's sizes instead ({@link #runPools}).
 */
public final class BridgeBench {

    private static final String SOURCE_RESOURCE = "basics.lean";
    private static final String CANDIDATES_RESOURCE = "candidates.tsv";
    private static final long ONE_SHOT_TIMEOUT_SECONDS = 300;

    private BridgeBench() {
    }

    /** Runs the benchmark once. */
    public static BenchResult run(BenchOptions options) throws IOException, LeanNotFoundException, InterruptedException {
        LeanBridgeSettings settings = options.settings();
        LeanInstallation lean = LeanLocator.forThisProcess().locate(settings.executablePath());
        Path work = options.workDirectory().orElse(Files.createTempDirectory("lean3assist-bench"));
        try {
            return run(lean, work.toAbsolutePath(), settings);
        } finally {
            if (options.workDirectory().isEmpty()) {
                org.lean3assist.bridge.sandbox.Directories.deleteTree(work);
            }
        }
    }

    /**
     * The command-line entry point. Prints the figures as text, or as one JSON object with
     * {@code --json}, on stdout; exits with 2 when no Lean 3 is found.
     */
    public static void main(String[] args) throws Exception {
        System.exit(runCommandLine(args, System.out, System.err));
    }

    /** {@link #main} without exiting, for callers that embed the command (the language server's CLI). */
    public static int runCommandLine(String[] args, PrintStream out, PrintStream err) throws Exception {
        boolean json = false;
        boolean pools = false;
        Optional<Path> mathlib = Optional.empty();
        List<Integer> sizes = List.of(1, 2, 3);
        LeanBridgeSettings settings = LeanBridgeSettings.defaults();
        try {
            for (int index = 0; index < args.length; index++) {
                switch (args[index]) {
                    case "--json" -> json = true;
                    case "--lean" -> settings = settings.withExecutablePath(Path.of(args[++index]));
                    case "--pools" -> pools = true;
                    case "--mathlib" -> mathlib = Optional.of(Path.of(args[++index]));
                    case "--sizes" -> sizes = java.util.Arrays.stream(args[++index].split(","))
                            .map(String::strip).map(Integer::valueOf).toList();
                    default -> throw new IllegalArgumentException(args[index]);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException badArguments) {
            err.println(USAGE);
            return 64;
        }
        try {
            if (pools) {
                PoolBenchResult result = runPools(settings, mathlib, sizes);
                out.println(json ? result.toJson() : result.toText());
                return 0;
            }
            BenchResult result = run(new BenchOptions(Optional.empty(), settings));
            out.println(json ? result.toJson() : result.toText());
            return 0;
        } catch (LeanNotFoundException noLean) {
            err.println(noLean.getMessage());
            return 2;
        }
    }

    private static final String USAGE = "usage: bench bridge [--json] [--lean PATH] [--pools [--sizes 1,2,3] [--mathlib DIR]]";

    /**
     * The checker-pool benchmark: 16 candidates at one site on warmed pools of each size, for a
     * core-only file and, with {@code mathlib} naming a built mathlib project, the same proof under
     * {@code import data.real.basic}; ratios against pool size 1 of the same file, in the same run.
     */
    public static PoolBenchResult runPools(LeanBridgeSettings settings, Optional<Path> mathlib, List<Integer> sizes)
            throws IOException, LeanNotFoundException, InterruptedException {
        LeanInstallation lean = LeanLocator.forThisProcess().locate(settings.executablePath());
        Path work = Files.createTempDirectory("lean3assist-pool-bench");
        try {
            return PoolBench.run(lean, work.toAbsolutePath(), settings, mathlib.map(Path::toAbsolutePath), sizes);
        } finally {
            org.lean3assist.bridge.sandbox.Directories.deleteTree(work);
        }
    }

    private static BenchResult run(LeanInstallation lean, Path work, LeanBridgeSettings settings)
            throws IOException, InterruptedException {
        String source = resource(SOURCE_RESOURCE);
        Path file = work.resolve(SOURCE_RESOURCE);
        Files.writeString(file, source);
        Map<LeanPosition, List<String>> candidates = candidates();
        int count = candidates.values().stream().mapToInt(List::size).sum();
        Map<String, Integer> verdicts = new TreeMap<>();

        long startedServer = System.nanoTime();
        long serverStartMillis;
        long bridgeMillis;
        try (LeanServer server = LeanServer.start(lean, work, settings);
             CheckerPool checkers = CheckerPool.forProject(lean, work, settings, Sandbox.none("the bridge bench measures replays alone"));
             Verifier verifier = new Verifier(server, checkers)) {
            server.openDocument(file, 1, source).join();
            server.waitUntilChecked(file).join();
            serverStartMillis = millisSince(startedServer);

            long startedBridge = System.nanoTime();
            List<CompletableFuture<List<ReplayResult>>> requests = new ArrayList<>();
            for (Map.Entry<LeanPosition, List<String>> position : candidates.entrySet()) {
                requests.add(verifier.verify(new VerifyRequest(file, 1, source, position.getKey(), position.getValue())));
            }
            for (CompletableFuture<List<ReplayResult>> request : requests) {
                for (ReplayResult result : request.join()) {
                    verdicts.merge(result.verdict().name(), 1, Integer::sum);
                }
            }
            bridgeMillis = millisSince(startedBridge);
        }

        List<Path> variants = new ArrayList<>();
        int number = 0;
        for (Map.Entry<LeanPosition, List<String>> position : candidates.entrySet()) {
            for (String candidate : position.getValue()) {
                Path variant = work.resolve(String.format("variant_%02d.lean", ++number));
                Files.writeString(variant, VariantBuilder.build(source, position.getKey(), candidate).content());
                variants.add(variant);
            }
        }
        long startedOneShot = System.nanoTime();
        runOneShots(lean, work, variants, settings);
        long oneShotMillis = millisSince(startedOneShot);

        return new BenchResult(lean.versionLine(), count, settings.replayConcurrency(), serverStartMillis, bridgeMillis,
                oneShotMillis, verdicts, sandboxCost(lean, work, file, source, candidates, settings));
    }

    /** Rounds of every candidate on each side; the first round only warms the checkers. */
    private static final int SANDBOX_ROUNDS = 5;

    /**
     * The sandbox's cost per replay: two one-checker pools on the same project, one plain and one in
     * the sandbox, given the same candidates in alternating rounds, so both see the same machine;
     * the medians are over the rounds after the first (four rounds of 16).
     */
    private static Optional<BenchResult.SandboxCost> sandboxCost(LeanInstallation lean, Path work, Path file,
                                                                String source, Map<LeanPosition, List<String>> candidates,
                                                                LeanBridgeSettings settings) throws IOException {
        if (!Sandbox.availability().available()) {
            return Optional.empty();
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.forMode(SandboxMode.REQUIRED);
        } catch (SandboxUnavailableException unavailable) {
            return Optional.empty();
        }
        LeanBridgeSettings oneAtATime = settings.withReplay(1, settings.replayTimeout());
        List<Double> plain = new ArrayList<>();
        List<Double> sandboxed = new ArrayList<>();
        try (LeanServer editing = LeanServer.start(lean, work, oneAtATime);
             CheckerPool plainPool = CheckerPool.forProject(lean, work, oneAtATime, Sandbox.none("the bench's baseline"));
             CheckerPool boxedPool = CheckerPool.forProject(lean, work, oneAtATime, sandbox);
             Verifier plainVerifier = new Verifier(editing, plainPool);
             Verifier boxedVerifier = new Verifier(editing, boxedPool)) {
            for (int round = 0; round < SANDBOX_ROUNDS; round++) {
                for (Map.Entry<LeanPosition, List<String>> position : candidates.entrySet()) {
                    VerifyRequest request = new VerifyRequest(file, 1, source, position.getKey(), position.getValue());
                    // Each side goes first in every other round, so neither pays for what the other
                    // left running.
                    boolean plainFirst = round % 2 == 0;
                    List<ReplayResult> plainResults = plainFirst ? plainVerifier.verify(request).join() : null;
                    List<ReplayResult> boxedResults = boxedVerifier.verify(request).join();
                    if (!plainFirst) {
                        plainResults = plainVerifier.verify(request).join();
                    }
                    if (round > 0) {
                        plainResults.forEach(result -> plain.add(result.elapsed().toNanos() / 1e6));
                        boxedResults.forEach(result -> sandboxed.add(result.elapsed().toNanos() / 1e6));
                    }
                }
            }
        }
        return Optional.of(new BenchResult.SandboxCost(sandbox.describe(), plain.size(), median(plain), median(sandboxed)));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Runs {@code lean --json} on every variant, as many at a time as the bridge replays. */
    private static void runOneShots(LeanInstallation lean, Path work, List<Path> variants, LeanBridgeSettings settings)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(settings.replayConcurrency());
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (Path variant : variants) {
                runs.add(CompletableFuture.runAsync(() -> runOneShot(lean, work, variant, settings), pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
            pool.awaitTermination(ONE_SHOT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void runOneShot(LeanInstallation lean, Path work, Path variant, LeanBridgeSettings settings) {
        List<String> argv = new ArrayList<>(List.of(lean.executable().toString(), "--json",
                "-M", Integer.toString(settings.memoryLimitMb()), "-T", Integer.toString(settings.deterministicTimeout())));
        argv.add(variant.toString());
        try {
            Process process = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            try (InputStream output = process.getInputStream()) {
                // Only the time matters, but the output must be drained or Lean blocks on a full pipe.
                output.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (!process.waitFor(ONE_SHOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<LeanPosition, List<String>> candidates() {
        Map<LeanPosition, List<String>> byPosition = new LinkedHashMap<>();
        for (String line : resource(CANDIDATES_RESOURCE).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", 2);
            String[] lineColumn = fields[0].split(":");
            LeanPosition position = new LeanPosition(Integer.parseInt(lineColumn[0]), Integer.parseInt(lineColumn[1]));
            byPosition.computeIfAbsent(position, key -> new ArrayList<>()).add(fields[1]);
        }
        return byPosition;
    }

    static String resource(String name) {
        try (InputStream stream = BridgeBench.class.getResourceAsStream(name)) {
            if (stream == null) {
                throw new IllegalStateException("missing benchmark resource " + name);
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
