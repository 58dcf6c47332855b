package org.lean3assist.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.lean3assist.engine.EngineParts;

/** One in-process run of the command line, with what it printed on stdout and stderr. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(String... args) {
        return of(EngineParts.product(), args);
    }

    static CommandLineRun of(EngineParts parts, String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(parts, args);
            return new CommandLineRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
