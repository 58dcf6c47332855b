package org.lean3assist.cli;

import java.util.concurrent.Callable;
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
        versionProvider = Version.class,
        description = {
            "A Lean 3 language server whose tactic suggestions are verified by Lean before they are shown.",
            ""
        },
        subcommands = {LspCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'lean3-assist COMMAND --help' for the options of one command."})
public final class Main implements Callable<Integer> {

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
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
