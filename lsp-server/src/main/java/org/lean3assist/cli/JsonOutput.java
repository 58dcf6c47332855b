package org.lean3assist.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --json} switch of a command that prints one result, and the printing itself. */
final class JsonOutput {

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Prints the text form, or the JSON form with {@code --json}, on the command's stdout. */
    void print(String text, String jsonText) {
        var out = spec.commandLine().getOut();
        out.println(json ? jsonText : text);
        out.flush();
    }
}
