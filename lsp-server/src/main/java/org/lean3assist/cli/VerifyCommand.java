package org.lean3assist.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.VerifyRequest;
import org.lean3assist.engine.suggest.Suggestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lean3-assist verify FILE:LINE:COL TACTIC...}: Lean's verdict on given tactics. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay each TACTIC at FILE:LINE:COL in place of the rest of the proof and print Lean's verdict.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE:LINE:COL", converter = FilePosition.Converter.class)
    FilePosition at;

    @Parameters(index = "1..*", paramLabel = "TACTIC", arity = "1..*", description = "Tactics, each one argument.")
    List<String> tactics;

    @Mixin
    LeanOptions lean;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text = LeanOptions.read(at.file());
        var site = OneShot.site(at, text);
        try (var checked = OneShot.check(lean, at.file(), text)) {
            List<ReplayResult> results = OneShot.await(checked.project().verifier().verify(
                    new VerifyRequest(checked.file(), 1, text, site.start(), tactics)));
            var out = spec.commandLine().getOut();
            List<Suggestion> verdicts = results.stream().map(result -> new Suggestion(result.candidate(), result.verdict(),
                    result.goalsAfter(), result.explanation(), "command line")).toList();
            if (lean.json) {
                var json = new LinkedHashMap<String, Object>();
                json.put("file", at.file().toString());
                json.put("line", site.start().line());
                json.put("column", site.start().column());
                json.put("results", verdicts.stream().map(SuggestCommand::toJson).toList());
                json.put("sandbox", OneShot.sandboxJson(checked.project().confinement()));
                OneShot.printJson(out, json);
            } else {
                for (Suggestion verdict : verdicts) {
                    out.printf("%-32s %s%n", verdict.tactic(), OneShot.firstLine(verdict.describe()));
                }
                out.println(OneShot.sandboxLine(checked.project().confinement()));
            }
            out.flush();
            return 0;
        }
    }
}
