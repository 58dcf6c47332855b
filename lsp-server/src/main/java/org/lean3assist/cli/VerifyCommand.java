package org.lean3assist.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.suggest.Suggestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lean3-assist verify FILE:LINE:COL TACTIC...}: Lean's verdict on given tactics. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay each TACTIC at FILE:LINE:COL in place of the rest of the proof and print Lean's verdict.")
final class VerifyCommand extends TacticCommand {

    @Parameters(index = "1..*", paramLabel = "TACTIC", arity = "1..*", description = "Tactics, each one argument.")
    List<String> tactics;

    @Override
    int run(Engine engine, PrintWriter out) throws Exception {
        var opened = OneShot.open(engine, at.file(), text);
        List<Suggestion> verdicts = OneShot.await(engine.verify(OneShot.place(opened, site), tactics));
        var confinement = opened.project().confinement();
        if (lean.json) {
            var json = new LinkedHashMap<String, Object>();
            json.put("file", at.file().toString());
            json.put("line", site.start().line());
            json.put("column", site.start().column());
            json.put("results", verdicts.stream().map(OneShot::toJson).toList());
            json.put("sandbox", OneShot.sandboxJson(confinement));
            OneShot.printJson(out, json);
        } else {
            for (Suggestion verdict : verdicts) {
                out.printf("%-32s %s%n", verdict.tactic(), OneShot.firstLine(verdict.describe()));
            }
            out.println(OneShot.sandboxLine(confinement));
        }
        return 0;
    }
}
