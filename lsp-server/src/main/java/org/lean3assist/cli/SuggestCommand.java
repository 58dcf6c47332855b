package org.lean3assist.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.lean3assist.engine.suggest.Suggestion;
import org.lean3assist.engine.suggest.SuggestionEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lean3-assist suggest FILE:LINE:COL}: verified next tactics, as the hover shows them. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Suggest next tactics at FILE:LINE:COL and print those Lean accepts, closing ones first.")
final class SuggestCommand implements Callable<Integer> {

    /** Candidates replayed at most, as in the language server. */
    static final int MAX_CANDIDATES = 16;

    @Parameters(index = "0", paramLabel = "FILE:LINE:COL", converter = FilePosition.Converter.class)
    FilePosition at;

    @Option(names = {"-k", "--count"}, paramLabel = "N", defaultValue = "8",
            description = "How many verified suggestions to print (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--all", description = "Also print the candidates Lean rejected, with its reasons.")
    boolean all;

    @Mixin
    LeanOptions lean;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text = LeanOptions.read(at.file());
        var site = OneShot.site(at, text);
        var executor = Executors.newCachedThreadPool();
        try (var model = new Closeable<>(modelOptions.load()); var checked = OneShot.check(lean, at.file(), text)) {
            var project = checked.project();
            var file = checked.file();
            var goal = OneShot.await(project.server().goalAt(file, site.start())).orElseThrow(() ->
                    new IllegalStateException("Lean reports no goal at " + at + " (is the proof above it broken?)"));
            var engine = new SuggestionEngine(org.lean3assist.lsp.ServerParts.modelThenPortfolio(model.value()), MAX_CANDIDATES, executor);
            var request = new SuggestionEngine.Request(file, 1, text, site.start(), goal);
            List<Suggestion> ranked = OneShot.await(engine.suggest(project.verifier(), request, () -> false));
            List<Suggestion> shown = ranked.stream().filter(s -> all || s.verified()).limit(all ? ranked.size() : count).toList();
            print(goal.rawState(), site.start(), ranked, shown, project.confinement());
            return 0;
        } finally {
            executor.shutdownNow();
        }
    }

    private void print(String goal, org.lean3assist.bridge.text.LeanPosition site, List<Suggestion> ranked,
                       List<Suggestion> shown, org.lean3assist.bridge.verify.CheckerPool.Confinement confinement)
            throws java.io.IOException {
        var out = spec.commandLine().getOut();
        if (lean.json) {
            var json = new LinkedHashMap<String, Object>();
            json.put("file", at.file().toString());
            json.put("line", site.line());
            json.put("column", site.column());
            json.put("goal", goal);
            json.put("candidates", ranked.size());
            json.put("suggestions", shown.stream().map(SuggestCommand::toJson).toList());
            json.put("sandbox", OneShot.sandboxJson(confinement));
            OneShot.printJson(out, json);
            return;
        }
        out.println("Goal at " + at.file() + ":" + site.line() + ":" + site.column() + ":");
        out.println(OneShot.indent(goal));
        out.println();
        long verified = ranked.stream().filter(Suggestion::verified).count();
        out.println("Suggestions checked by Lean (" + verified + " of " + ranked.size() + " candidates accepted):");
        int index = 1;
        for (Suggestion suggestion : shown) {
            out.printf("  %d. %-32s %s [%s]%n", index++, suggestion.tactic(), OneShot.firstLine(suggestion.describe()), suggestion.source());
        }
        if (shown.isEmpty()) {
            out.println("  (none)");
        }
        out.println();
        out.println(OneShot.sandboxLine(confinement));
        out.flush();
    }

    static LinkedHashMap<String, Object> toJson(Suggestion suggestion) {
        var json = new LinkedHashMap<String, Object>();
        json.put("tactic", suggestion.tactic());
        json.put("status", suggestion.status());
        json.put("goalsAfter", suggestion.goalsAfter().map(goals -> goals.render()).orElse(null));
        json.put("message", suggestion.message().orElse(null));
        json.put("source", suggestion.source());
        return json;
    }

    /** Closes an optional model with try-with-resources. */
    record Closeable<T extends AutoCloseable>(java.util.Optional<T> value) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (value.isPresent()) {
                value.get().close();
            }
        }
    }
}
