package org.lean3assist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.solve.AnswerStatus;
import org.lean3assist.engine.solve.CheckedSolution;
import org.lean3assist.engine.solve.SolveResult;
import org.lean3assist.lsp.SolveViews;
import org.lean3assist.model.solve.Solver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lean3-assist solve "QUESTION"}: a word problem solved by the model, each claim checked by Lean. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Solve a math word problem with the model in its profile's mode (chain of thought, a program run "
                + "in the sandbox, or Lean 3), check its arithmetic and its Lean in Lean, and vote over N samples.",
                "Exit status: 0 when the answer is checked by Lean, 1 when it is not, 2 on a usage error."})
final class SolveCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "QUESTION")
    String question;

    @Option(names = {"-n", "--samples"}, paramLabel = "N", defaultValue = "" + Engine.SOLVE_SAMPLES,
            description = "How many solutions to sample and vote over (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + Engine.SOLVE_ROUNDS,
            description = "How many programs a tool-integrated solution may have run (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--rank",
            description = "Rank the answers by the model's own judgement of each solution first (InternLM2-Math's "
                    + "outcome reward prompt), then by votes; other models rank by votes.")
    boolean rank;

    @Option(names = "--context", paramLabel = "FILE",
            description = "Check after the contents of FILE, in its project (default: 'import tactic' in the "
                    + "current directory's project).")
    Path context;

    @Mixin
    ModelOptions modelOptions;

    private String contextText;
    private Solver.Options options;

    @Override
    void prepare() throws Exception {
        boolean wanted;
        try {
            // An unknown profile or device, samples or rounds out of range: usage errors, all of them.
            wanted = modelOptions.config().wanted();
            options = new Solver.Options(samples, rounds);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!wanted) {
            throw new IllegalArgumentException(
                    "solve needs a model: pass --model DIR or --remote-url URL, or set LEAN3ASSIST_MODEL_DIR");
        }
        if (question.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the question is empty");
        }
        contextText = context == null ? null : LeanOptions.read(context);
    }

    @Override
    int run(Engine engine, PrintWriter out) throws Exception {
        engine.loadModel(modelOptions.config());
        var document = context == null ? Optional.<org.lean3assist.engine.Documents.Snapshot>empty()
                : Optional.of(engine.open(context.toAbsolutePath().toUri().toString(), 1, contextText));
        var where = engine.solveContext(document, Optional.empty(), Path.of("").toAbsolutePath());
        SolveResult result = engine.solve(question, where, options, rank, Cancellation.NEVER);
        if (lean.json) {
            OneShot.printJson(out, SolveViews.view(result));
        } else {
            print(result, out);
        }
        if (result.status() == AnswerStatus.NO_ANSWER) {
            err().println("lean3-assist: no answer: " + result.why());
        }
        return result.status() == AnswerStatus.CHECKED ? 0 : 1;
    }

    private static void print(SolveResult result, PrintWriter out) {
        for (int i = 0; i < result.samples().size(); i++) {
            CheckedSolution sample = result.samples().get(i);
            out.println("--- solution " + (i + 1) + " of " + result.samples().size() + " ("
                    + sample.written().answer().map(answer -> "answer " + answer).orElse("no answer") + ", "
                    + sample.status().wire() + sample.reward().map(correct -> correct ? ", judged correct by the model"
                            : ", judged incorrect by the model").orElse("") + ")");
            out.println(sample.written().text().strip());
            for (var step : sample.written().programs()) {
                out.println("  [program " + (step.output().ran() ? step.output().ok() ? "ran" : "failed" : "not run")
                        + "] " + OneShot.firstLine(step.output().output()));
            }
            for (var claim : sample.claims()) {
                out.println("  [" + claim.verdict().wire() + "] " + claim.claim().source()
                        + claim.message().map(message -> ": " + OneShot.firstLine(message)).orElse(""));
            }
            sample.lean().ifPresent(lean -> out.println("  [theorem " + lean.verdict().wire() + "] "
                    + OneShot.firstLine(lean.theorem()) + lean.message().map(m -> ": " + OneShot.firstLine(m)).orElse("")));
        }
        out.println("---");
        if (!result.votes().isEmpty()) {
            out.println("Votes: " + String.join(", ", result.votes().stream()
                    .map(tally -> tally.answer() + " (" + tally.votes() + " of " + tally.samples() + ")").toList()));
        }
        out.println(result.answer().map(answer -> "Answer: " + answer + (result.status() == AnswerStatus.CHECKED
                ? "  [checked by Lean]" : "  [" + result.status().wire() + "]")).orElse("No answer."));
        out.println("  " + result.why());
        out.println("Ranked by: " + result.ranking());
        out.println("Programs: " + result.programs());
        out.println("Lean: " + result.confinement());
    }
}
