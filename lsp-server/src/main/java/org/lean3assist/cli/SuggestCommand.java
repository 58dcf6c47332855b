package org.lean3assist.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.suggest.Suggestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lean3-assist suggest FILE:LINE:COL}: verified next tactics, as the hover shows them. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Suggest next tactics at FILE:LINE:COL and print those Lean accepts, closing ones first.")
final class SuggestCommand extends TacticCommand {

    @Option(names = {"-k", "--count"}, paramLabel = "N", defaultValue = "8",
            description = "How many verified suggestions to print (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--all", description = "Also print the candidates Lean rejected, with its reasons.")
    boolean all;

    @Mixin
    ModelOptions modelOptions;

    @Override
    void prepare() throws Exception {
        super.prepare();
        modelOptions.config();
    }

    @Override
    int run(Engine engine, PrintWriter out) throws Exception {
        engine.loadModel(modelOptions.config());
        var atSite = openAtSite(engine);
        var opened = atSite.opened();
        var place = atSite.place();
        var goal = atSite.goal();
        List<Suggestion> ranked = OneShot.await(engine.suggest(place, goal).result());
        List<Suggestion> shown = ranked.stream().filter(s -> all || s.verified()).limit(all ? ranked.size() : count).toList();
        print(out, goal.rawState(), ranked, shown, opened.project().confinement());
        return 0;
    }

    private void print(PrintWriter out, String goal, List<Suggestion> ranked, List<Suggestion> shown,
                       CheckerPool.Confinement confinement) throws java.io.IOException {
        if (lean.json) {
            var json = new LinkedHashMap<String, Object>();
            json.put("file", at.file().toString());
            json.put("line", site.start().line());
            json.put("column", site.start().column());
            json.put("goal", goal);
            json.put("candidates", ranked.size());
            json.put("suggestions", shown.stream().map(OneShot::toJson).toList());
            json.put("sandbox", OneShot.sandboxJson(confinement));
            OneShot.printJson(out, json);
            return;
        }
        out.println("Goal at " + at.file() + ":" + site.start().line() + ":" + site.start().column() + ":");
        out.println(OneShot.indent(goal));
        out.println();
        long verified = ranked.stream().filter(Suggestion::verified).count();
        out.println("Suggestions checked by Lean (" + verified + " of " + ranked.size() + " candidates accepted):");
        int index = 1;
        for (Suggestion suggestion : shown) {
            out.printf("  %d. %-32s %s [%s]%n", index++, suggestion.tactic(), OneShot.firstLine(suggestion.describe()),
                    suggestion.source().wire());
        }
        if (shown.isEmpty()) {
            out.println("  (none)");
        }
        out.println();
        out.println(OneShot.sandboxLine(confinement));
    }
}
