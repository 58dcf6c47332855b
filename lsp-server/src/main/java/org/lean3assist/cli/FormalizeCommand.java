package org.lean3assist.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.StatementChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lean3-assist formalize "TEXT"}: Lean 3 statements for a sentence, each checked by Lean. */
@Command(name = "formalize", mixinStandardHelpOptions = true,
        description = "Translate a natural-language statement into Lean 3 statements and check each with Lean (proof: sorry).")
final class FormalizeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TEXT")
    String text;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "4",
            description = "How many statements to ask the model for (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--context", paramLabel = "FILE",
            description = "Check the statements after the contents of FILE (its imports and definitions).")
    Path context;

    @Mixin
    LeanOptions lean;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var model = modelOptions.load().orElseThrow(() -> new IllegalArgumentException(
                "formalize needs a model: pass --model DIR or set LEAN3ASSIST_MODEL_DIR"));
        try (model) {
            List<String> statements = model.formalize(text, count, () -> false);
            String contextText = context == null ? "" : LeanOptions.read(context);
            Path anchor = context != null ? context.toAbsolutePath()
                    : Files.createTempDirectory("lean3-assist-formalize").resolve("Formalize.lean");
            List<LinkedHashMap<String, Object>> checked = new ArrayList<>();
            CheckerPool.Confinement confinement;
            try (var projects = lean.projects()) {
                Optional<StatementChecker> checker;
                try {
                    // On the project's checkers, as the language server checks them.
                    var project = projects.forFile(anchor);
                    checker = Optional.of(new StatementChecker(project.checkers()));
                    confinement = project.confinement();
                } catch (LeanNotFoundException e) {
                    spec.commandLine().getErr().println("lean3-assist: the statements are not checked: " + e.getMessage());
                    checker = Optional.empty();
                    confinement = new CheckerPool.Confinement(false, "nothing was checked: no Lean 3 was found");
                }
                for (String statement : statements) {
                    var entry = new LinkedHashMap<String, Object>();
                    entry.put("statement", statement);
                    if (checker.isPresent()) {
                        var result = checker.get().check(anchor, contextText, statement);
                        entry.put("status", result.ok() ? "ok" : "error");
                        entry.put("message", result.message().orElse(null));
                    } else {
                        entry.put("status", "unchecked");
                        entry.put("message", null);
                    }
                    checked.add(entry);
                }
            }
            var out = spec.commandLine().getOut();
            if (lean.json) {
                var json = new LinkedHashMap<String, Object>();
                json.put("text", text);
                json.put("statements", checked);
                json.put("sandbox", OneShot.sandboxJson(confinement));
                OneShot.printJson(out, json);
            } else {
                for (var entry : checked) {
                    out.println("[" + entry.get("status") + "] " + entry.get("statement"));
                    if (entry.get("message") != null) {
                        out.println(OneShot.indent(entry.get("message").toString()));
                    }
                }
                if (checked.isEmpty()) {
                    out.println("The model wrote no theorem statement.");
                }
                out.println(OneShot.sandboxLine(confinement));
            }
            out.flush();
            return checked.stream().anyMatch(entry -> "ok".equals(entry.get("status"))) ? 0 : 1;
        }
    }
}
