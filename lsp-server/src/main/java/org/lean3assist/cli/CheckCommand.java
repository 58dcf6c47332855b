package org.lean3assist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lean3-assist check FILE}: Lean's messages for a file, like {@code lean FILE}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check FILE with Lean and print its messages; exit 1 when there is an error.")
final class CheckCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    private String text;

    @Override
    void prepare() throws Exception {
        text = LeanOptions.read(file);
    }

    @Override
    int run(Engine engine, PrintWriter out) throws Exception {
        var messages = OneShot.open(engine, file, text).messages();
        boolean failed = messages.stream().anyMatch(message -> message.severity() == LeanMessage.Severity.ERROR);
        if (lean.json) {
            var json = new LinkedHashMap<String, Object>();
            json.put("file", file.toString());
            json.put("ok", !failed);
            json.put("messages", messages);
            OneShot.printJson(out, json);
        } else {
            messages.forEach(message -> out.println(OneShot.format(message)));
        }
        return failed ? 1 : 0;
    }
}
