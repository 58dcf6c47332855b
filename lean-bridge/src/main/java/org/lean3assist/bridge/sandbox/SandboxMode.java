package org.lean3assist.bridge.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The user's setting {@code lean3Assist.sandbox}: whether replays of model output run confined. */
public enum SandboxMode {
    /** Confine when bubblewrap works here; otherwise run unconfined and warn once. */
    AUTO,
    /** Confine, or refuse to run replays at all. */
    REQUIRED,
    /** Never confine. */
    OFF;

    /**
     * Reads the setting's text, ignoring case.
     *
     * @throws IllegalArgumentException naming the valid values when the text is none of them
     */
    public static SandboxMode parse(String text) {
        if (text != null) {
            for (SandboxMode mode : values()) {
                if (mode.settingValue().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("lean3Assist.sandbox must be one of " + validValues() + ", not '" + text + "'");
    }

    /** The setting's spelling: {@code "auto"}, {@code "required"} or {@code "off"}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String validValues() {
        return Arrays.stream(values()).map(SandboxMode::settingValue).collect(Collectors.joining(", ", "[", "]"));
    }
}
