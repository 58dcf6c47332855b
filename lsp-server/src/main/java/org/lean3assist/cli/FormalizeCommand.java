package org.lean3assist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lean3-assist formalize "TEXT"}: Lean 3 statements for a sentence, each checked by Lean. */
@Command(name = "formalize", mixinStandardHelpOptions = true,
        description = "Translate a natural-language statement into Lean 3 statements and check each with Lean (proof: sorry).")
final class FormalizeCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "TEXT")
    String text;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "4",
            description = "How many statements to ask the model for (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--context", paramLabel = "FILE",
            description = "Check the statements after the contents of FILE (its imports and definitions).")
    Path context;

    @Mixin
    ModelOptions modelOptions;

    private String contextText;

    @Override
    void prepare() throws Exception {
        if (!modelOptions.config().wanted()) {
            throw new IllegalArgumentException(
                    "formalize needs a model: pass --model DIR or --remote-url URL, or set LEAN3ASSIST_MODEL_DIR");
        }
        contextText = context == null ? null : LeanOptions.read(context);
    }

    @Override
    int run(Engine engine, PrintWriter out) throws Exception {
        engine.loadModel(modelOptions.config());
        var where = context == null ? engine.formalizeContext(Optional.empty(), Optional.empty())
                : engine.formalizeContext(Optional.of(engine.open(context.toAbsolutePath().toUri().toString(), 1, contextText)),
                        Optional.empty());
        var formalization = engine.formalize(text, where, count, Cancellation.NEVER);
        formalization.notChecked().ifPresent(why -> err().println("lean3-assist: the statements are not checked: " + why));
        if (lean.json) {
            var json = new LinkedHashMap<String, Object>();
            json.put("text", text);
            json.put("statements", formalization.statements().stream().map(statement -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("statement", statement.statement());
                entry.put("status", statement.status().wire());
                entry.put("message", statement.message().orElse(null));
                return entry;
            }).toList());
            json.put("sandbox", OneShot.sandboxJson(formalization.confinement()));
            OneShot.printJson(out, json);
        } else {
            for (var statement : formalization.statements()) {
                out.println("[" + statement.status().wire() + "] " + statement.statement());
                statement.message().ifPresent(message -> out.println(OneShot.indent(message)));
            }
            if (formalization.statements().isEmpty()) {
                out.println("The model wrote no theorem statement.");
            }
            out.println(OneShot.sandboxLine(formalization.confinement()));
        }
        return formalization.statements().stream().anyMatch(statement -> statement.status() == Engine.FormalizedStatus.OK)
                ? 0 : 1;
    }
}
