package org.lean3assist.bridge.transport;

import java.util.Map;
import java.util.Optional;

/**
 * How a Lean process ended: an exit code, or the signal that killed it.
 */
public record ExitStatus(Optional<Integer> exitCode, Optional<Integer> signal) {

    private static final Map<Integer, String> SIGNAL_NAMES = Map.of(
            1, "SIGHUP", 2, "SIGINT", 6, "SIGABRT", 9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    public static ExitStatus exited(int code) {
        return new ExitStatus(Optional.of(code), Optional.empty());
    }

    public static ExitStatus killedBy(int signal) {
        return new ExitStatus(Optional.empty(), Optional.of(signal));
    }

    /**
     * Interprets a Java {@link Process#exitValue()}: on Unix the JDK reports death by signal N as
     * 128 + N, the same as a shell does.
     */
    public static ExitStatus fromJavaExitValue(int value) {
        return value > 128 && value < 128 + 64 ? killedBy(value - 128) : exited(value);
    }

    /** For example {@code signal 9 (SIGKILL)} or {@code exit code 1}. */
    public String describe() {
        if (signal.isPresent()) {
            int number = signal.get();
            return "signal " + number + " (" + SIGNAL_NAMES.getOrDefault(number, "SIG?") + ")";
        }
        return "exit code " + exitCode.orElse(-1);
    }
}
