package org.lean3assist.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.prove.ProofSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lean3-assist prove FILE:LINE:COL}: a whole proof by best-first search, checked by Lean whole. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Search for a proof of the goal at FILE:LINE:COL (a tactic inside begin … end, such as a sorry)"
                + " and print it, ready to paste in place of that tactic and the rest of the block,"
                + " or the best partial state the search reached.",
            "Exit code 0 when a proof was found, 1 when not."})
final class ProveCommand extends TacticCommand {

    @Option(names = "--budget", paramLabel = "N", defaultValue = "1000",
            description = "How many states to expand at most (default ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--time", paramLabel = "S", defaultValue = "60",
            description = "Seconds the search may take at most (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "32",
            description = "Distinct tactics tried per state at most (default ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    ModelOptions modelOptions;

    ProofSearch.Budget searchBudget;

    @Override
    void prepare() throws Exception {
        super.prepare();
        modelOptions.config();
        try {
            searchBudget = new ProofSearch.Budget(budget, Duration.ofSeconds(seconds), steps);
        } catch (IllegalArgumentException bad) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--budget, --time and --steps must each be at least 1");
        }
    }

    @Override
    int run(Engine engine, PrintWriter out) throws Exception {
        engine.loadModel(modelOptions.config());
        var atSite = openAtSite(engine);
        var opened = atSite.opened();
        var place = atSite.place();
        var goal = atSite.goal();
        GoalState initial = goal.goals().orElseThrow(() ->
                new IllegalStateException("Lean's goal at " + at + " could not be read: " + goal.rawState()));
        ProofSearch.Outcome outcome = engine.prove(place, initial, searchBudget, Cancellation.NEVER, progress -> { });
        print(out, goal.rawState(), outcome, opened.project().confinement());
        return outcome.proof().isPresent() ? 0 : 1;
    }

    private void print(PrintWriter out, String goal, ProofSearch.Outcome outcome,
                       org.lean3assist.bridge.verify.CheckerPool.Confinement confinement) throws java.io.IOException {
        ProofSearch.Figures figures = outcome.figures();
        if (lean.json) {
            var json = new LinkedHashMap<String, Object>();
            json.put("file", at.file().toString());
            json.put("line", site.start().line());
            json.put("column", site.start().column());
            json.put("goal", goal);
            json.put("proved", outcome.proof().isPresent());
            json.put("proof", outcome.proof().map(ProofSearch.Proof::text).orElse(null));
            json.put("steps", outcome.proof().map(ProofSearch.Proof::steps).orElse(outcome.bestSteps()));
            json.put("goalsLeft", outcome.proof().isPresent() ? null : outcome.bestState().render());
            json.put("stop", outcome.stop().wire());
            var searched = new LinkedHashMap<String, Object>();
            searched.put("expansions", figures.expansions());
            searched.put("replays", figures.replays());
            searched.put("nodes", figures.nodes());
            searched.put("maxDepth", figures.maxDepth());
            searched.put("ms", figures.elapsed().toMillis());
            json.put("search", searched);
            json.put("sandbox", OneShot.sandboxJson(confinement));
            OneShot.printJson(out, json);
            return;
        }
        out.println("Goal at " + at.file() + ":" + site.start().line() + ":" + site.start().column() + ":");
        out.println(OneShot.indent(goal));
        out.println();
        if (outcome.proof().isPresent()) {
            out.println("Proof found; Lean checked the whole declaration with it (no error, no sorry)."
                    + " Replace the tactic at " + site.start().line() + ":" + site.start().column()
                    + " and the rest of its block with:");
            out.println();
            out.println(" ".repeat(site.start().column()) + outcome.proof().get().text());
        } else {
            out.println("No proof found (" + stopReason(outcome.stop()) + ").");
            if (!outcome.bestSteps().isEmpty()) {
                out.println("Best partial proof, " + outcome.bestState().goals().size() + " goal(s) left:");
                out.println(OneShot.indent(ProofSearch.format(outcome.bestSteps())));
                out.println(OneShot.indent(outcome.bestState().render()));
            }
        }
        out.println();
        out.printf("Search: %d expansions, %d replays, %d states, depth %d, %.1f s%n", figures.expansions(),
                figures.replays(), figures.nodes(), figures.maxDepth(), figures.elapsed().toMillis() / 1000.0);
        out.println(OneShot.sandboxLine(confinement));
    }

    private static String stopReason(ProofSearch.Stop stop) {
        return switch (stop) {
            case EXHAUSTED -> "every state reached was tried";
            case EXPANSIONS -> "the expansion budget is spent";
            case TIME -> "the time budget is spent";
            case CANCELLED -> "cancelled";
            case PROVED -> "proved";
        };
    }
}
