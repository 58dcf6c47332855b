package org.lean3assist.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lean3assist.bench.LspBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lean3-assist bench ...}: measurements against a baseline taken in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a part against its baseline in the same run and print the ratio.",
        subcommands = {BenchCommand.Bridge.class, BenchCommand.Model.class, BenchCommand.Lsp.class, BenchCommand.Search.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code bench bridge}: 16 candidates verified through the bridge against 16 one-shot {@code lean FILE} runs. */
    @Command(name = "bridge", mixinStandardHelpOptions = true,
            description = "Verify 16 candidates through the bridge against 16 one-shot 'lean FILE' runs (needs a real Lean 3).")
    static final class Bridge implements Callable<Integer> {

        @Option(names = "--lean", paramLabel = "PATH", description = "The Lean 3 executable (default: found as usual).")
        Path lean;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() throws Exception {
            var options = org.lean3assist.bridge.bench.BenchOptions.defaults();
            if (lean != null) {
                options = new org.lean3assist.bridge.bench.BenchOptions(options.workDirectory(),
                        options.settings().withExecutablePath(lean));
            }
            var result = org.lean3assist.bridge.bench.BridgeBench.run(options);
            output.print(result.toText(), result.toJson());
            return 0;
        }
    }

    /** {@code bench model}: our decode loop against bare ONNX Runtime calls, and the KV cache against recomputation. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Prefill, decode speed, loop overhead against bare OrtSession.run, KV-cache speed-up (default: the bundled tiny model).")
    static final class Model implements Callable<Integer> {

        @Option(names = "--model", paramLabel = "DIR", description = "A model directory (default: LEAN3ASSIST_MODEL_DIR, else the bundled tiny model).")
        Path model;

        @Option(names = "--device", paramLabel = "cpu|cuda|auto", defaultValue = "cpu", description = "Where the model runs (default ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "128", description = "Tokens to decode (default ${DEFAULT-VALUE}).")
        int newTokens;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            var options = org.lean3assist.model.bench.BenchOptions.defaults()
                    .withDevice(org.lean3assist.model.Device.parse(device))
                    .withNewTokens(newTokens);
            var directory = LeanOptions.modelDirectory(model);
            if (directory.isPresent()) {
                options = options.withModelDirectory(directory.get());
            }
            var result = org.lean3assist.model.bench.ModelBench.run(options);
            output.print(result.toString(), result.toJson());
            return 0;
        }
    }

    /** {@code bench lsp}: hover over LSP against the raw goal query, and time to the first verified suggestion. */
    @Command(name = "lsp", mixinStandardHelpOptions = true,
            description = "Hover latency over LSP against the bridge's raw goal query (needs a real Lean 3).")
    static final class Lsp implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE:LINE:COL", converter = FilePosition.Converter.class,
                description = "Where to hover (default: examples/and_swap.lean:8:2).")
        FilePosition at;

        @Option(names = {"-n", "--iterations"}, defaultValue = "500", description = "Measured hover/raw pairs (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--warm-up", paramLabel = "PAIRS", defaultValue = "2000",
                description = "Pairs run first and not counted, so the JIT has compiled both paths (default ${DEFAULT-VALUE}); "
                        + "the first " + LspBench.FRESH_PAIRS + " are reported as the fresh-JVM figures.")
        int warmUp;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() throws Exception {
            FilePosition where = at != null ? at : FilePosition.parse(Path.of("examples", "and_swap.lean") + ":8:2");
            var result = LspBench.run(new LspBench.Options(where.file(), where.position(), iterations, warmUp));
            output.print(result.toString(), OneShot.JSON.writeValueAsString(result.toJson()));
            return 0;
        }
    }

    /** {@code bench search PATH}: the proof search on every sorry of a file or directory, against single tactics and tidy. */
    @Command(name = "search", mixinStandardHelpOptions = true,
            description = {"Run the proof search on the first sorry of every begin … end block under PATH (needs a real"
                    + " Lean 3), and, in the same run, the baselines: the best single tactic of the search portfolio, and"
                    + " mathlib's tidy as one tactic where the environment has it.",
                "A one-shot 'lean FILE' run of up to 5 found proofs (written beside the source as"
                    + " .lean3assist-bench-oneshot.lean, then deleted) gives the cost of checking without the bridge."})
    static final class Search implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "PATH", description = "A .lean file or a directory of them.")
        Path path;

        @Option(names = "--budget", paramLabel = "N", defaultValue = "1000", description = "Expansions per theorem at most (default ${DEFAULT-VALUE}).")
        int budget;

        @Option(names = "--time", paramLabel = "S", defaultValue = "60", description = "Seconds per theorem at most (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "32", description = "Tactics tried per state at most (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--skip", paramLabel = "N", defaultValue = "0", description = {"Pass over the first N theorems found,"
                + " in file order, before taking any (default ${DEFAULT-VALUE}). With --limit, a set too long for one run is"
                + " measured in pieces that are disjoint and cover it: --limit 90, then --skip 90."})
        int skip;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Only N theorems found, after those skipped (default: all).")
        int limit;

        @Option(names = "--reprove", description = {"Attempt every theorem, lemma and example whose proof is a begin … end"
                + " block, as if that block were 'begin sorry end' (the files are not written). A benchmark file that"
                + " comes with some proofs, as miniF2F's valid.lean does, is then measured whole; without it those"
                + " theorems are counted as not attempted."})
        boolean reprove;

        @Mixin
        LeanOptions lean;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var files = org.lean3assist.bench.SearchBench.files(path);
            var searchBudget = new org.lean3assist.engine.prove.ProofSearch.Budget(budget, java.time.Duration.ofSeconds(seconds), steps);
            var executable = org.lean3assist.bridge.locate.LeanLocator.forThisProcess().locate(Optional.ofNullable(lean.lean))
                    .executable();
            try (var engine = new org.lean3assist.engine.Engine(org.lean3assist.engine.EngineParts.product(), lean.bridgeSettings())) {
                var result = org.lean3assist.bench.SearchBench.run(engine, files, searchBudget, Optional.of(executable), 5,
                        skip, limit, reprove, spec.commandLine().getErr());
                var out = spec.commandLine().getOut();
                out.println(lean.json ? OneShot.JSON.writeValueAsString(result.toJson()) : result.toText());
                out.flush();
            }
            return 0;
        }
    }
}
