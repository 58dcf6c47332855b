package org.lean3assist.cli;

import java.util.concurrent.Callable;
import org.lean3assist.engine.EngineParts;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the jar and of the {@code ./lean3-assist} launcher.
 *
 * <p>Exit codes follow picocli's conventions: 0 on success, 1 when a job fails, 2 on a usage error
 * (an unknown subcommand or option prints the usage to stderr).
 */
@Command(
        name = "lean3-assist",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "A Lean 3 language server whose tactic suggestions are verified by Lean before they are shown.",
            ""
        },
        subcommands = {LspCommand.class, GoalCommand.class, SuggestCommand.class, VerifyCommand.class,
            CheckCommand.class, FormalizeCommand.class, ProveCommand.class, SolveCommand.class, BenchCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'lean3-assist COMMAND --help' for the options of one command."})
public final class Main implements Callable<Integer> {

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        // One-shot commands print results on stdout and only warnings on stderr; `lsp` logs more.
        ServerLogging.configure("WARNING");
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return run(EngineParts.product(), args);
    }

    /** The same with the engine's parts given, as tests give recorded Lean and their own model loader. */
    public static int run(EngineParts parts, String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof EngineCommand command) {
                    command.parts = parts;
                }
                return made;
            }
        };
        return new CommandLine(new Main(), factory)
                .setParameterExceptionHandler((error, arguments) -> {
                    // A usage error: say what was wrong, suggest near misses, show the usage, exit 2.
                    var err = error.getCommandLine().getErr();
                    err.println(error.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
                    error.getCommandLine().usage(err);
                    return 2;
                })
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    // A job that fails says why in one line on stderr; the stack trace goes to the log.
                    java.util.logging.Logger.getLogger(Main.class.getName()).log(java.util.logging.Level.FINE, "failed", error);
                    commandLine.getErr().println("lean3-assist: " + describe(error));
                    return 1;
                })
                .execute(args);
    }

    private static String describe(Throwable error) {
        if (error instanceof java.nio.file.NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /** Ends the JVM once the protocol output has been flushed; the server's exit notification calls this. */
    static void exitAfterFlush(int code) {
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    @Override
    public Integer call() {
        // No subcommand: show what there is to run, as a usage error so scripts notice.
        CommandLine.usage(this, System.err);
        return 2;
    }
}
