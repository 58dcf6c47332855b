package org.lean3assist.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.lean3assist.bridge.protocol.LeanMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lean3-assist check FILE}: Lean's messages for a file, like {@code lean FILE}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check FILE with Lean and print its messages; exit 1 when there is an error.")
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Mixin
    LeanOptions lean;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text = LeanOptions.read(file);
        try (var checked = OneShot.check(lean, file, text)) {
            var messages = checked.messages();
            boolean failed = messages.stream().anyMatch(message -> message.severity() == LeanMessage.Severity.ERROR);
            var out = spec.commandLine().getOut();
            if (lean.json) {
                var json = new LinkedHashMap<String, Object>();
                json.put("file", file.toString());
                json.put("ok", !failed);
                json.put("messages", messages);
                OneShot.printJson(out, json);
            } else {
                messages.forEach(message -> out.println(OneShot.format(message)));
            }
            out.flush();
            return failed ? 1 : 0;
        }
    }
}
