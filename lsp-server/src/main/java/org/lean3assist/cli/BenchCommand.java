package org.lean3assist.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lean3assist.bench.LspBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lean3-assist bench ...}: measurements against a baseline taken in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a part against its baseline in the same run and print the ratio.",
        subcommands = {BenchCommand.Lsp.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code bench lsp}: hover over LSP against the raw goal query, and time to the first verified suggestion. */
    @Command(name = "lsp", mixinStandardHelpOptions = true,
            description = "Hover latency over LSP against the bridge's raw goal query (needs a real Lean 3).")
    static final class Lsp implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE:LINE:COL", converter = FilePosition.Converter.class,
                description = "Where to hover (default: examples/and_swap.lean:8:2).")
        FilePosition at;

        @Option(names = {"-n", "--iterations"}, defaultValue = "100", description = "Hovers per side (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            FilePosition where = at != null ? at : FilePosition.parse(Path.of("examples", "and_swap.lean") + ":8:2");
            var result = LspBench.run(new LspBench.Options(where.file(), where.position(), iterations));
            var out = spec.commandLine().getOut();
            if (json) {
                OneShot.printJson(out, result.toJson());
            } else {
                out.println(result);
            }
            out.flush();
            return 0;
        }
    }
}
