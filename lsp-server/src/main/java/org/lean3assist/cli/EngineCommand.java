package org.lean3assist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.EngineParts;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A one-shot subcommand: it converts its arguments in, calls one engine, prints the answer, and
 * stops every Lean the engine started. The language server calls the same engine functions.
 */
abstract class EngineCommand implements Callable<Integer> {

    @Mixin
    LeanOptions lean;

    @Spec
    CommandSpec spec;

    /** The engine's parts: the product's, or in tests recorded Lean (set by {@link Main}'s factory). */
    EngineParts parts = EngineParts.product();

    @Override
    public final Integer call() throws Exception {
        // Arguments are read and checked first, so a bad one is reported before a Lean process starts.
        prepare();
        try (Engine engine = new Engine(parts, lean.bridgeSettings())) {
            int code = run(engine, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return code;
        }
    }

    /** Reads and checks the command's arguments; a failure here starts nothing. */
    void prepare() throws Exception {
    }

    /** The command's work; returns its exit code. */
    abstract int run(Engine engine, PrintWriter out) throws Exception;

    /** Where the command's warnings go. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
