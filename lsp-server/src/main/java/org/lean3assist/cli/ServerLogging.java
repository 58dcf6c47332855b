package org.lean3assist.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Sends every log record to stderr, never stdout, which belongs to the protocol. */
final class ServerLogging {

    /**
     * DJL probes for CUDA when its tokenizer loads and warns when there is none; the tokenizer never
     * uses CUDA, so the warning only misleads. Held here because JUL keeps loggers weakly.
     */
    private static final Logger DJL_CUDA_PROBE = Logger.getLogger("ai.djl.util.cuda");

    private ServerLogging() {}

    static void configure() {
        configure("INFO");
    }

    /** Logs at {@code defaultLevel} unless LEAN3ASSIST_LOG names another level. */
    static void configure(String defaultLevel) {
        System.setProperty(
                "java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        // ConsoleHandler writes to System.err.
        var stderr = new ConsoleHandler();
        stderr.setFormatter(new SimpleFormatter());
        stderr.setLevel(Level.ALL);
        root.addHandler(stderr);
        String level = System.getenv().getOrDefault("LEAN3ASSIST_LOG", defaultLevel);
        root.setLevel(Level.parse(level.toUpperCase(java.util.Locale.ROOT)));
        DJL_CUDA_PROBE.setLevel(Level.SEVERE);
    }
}
