package org.lean3assist.reallean;

import java.util.Optional;
import org.lean3assist.bridge.locate.LeanInstallation;
import org.lean3assist.bridge.locate.LeanLocator;
import org.lean3assist.bridge.locate.LeanNotFoundException;

/**
 * Whether a real Lean 3 is on this machine ({@code LEAN3_HOME}, {@code lean} on the PATH, elan).
 * Tests gated on it are reported as skipped, with this reason, where there is none.
 */
public final class RealLean {

    public static final String SKIP_REASON = "no Lean 3 found (set LEAN3_HOME or put Lean 3.51.1's lean on the PATH)";

    private static final Optional<LeanInstallation> FOUND = locate();

    private RealLean() {}

    public static boolean available() {
        return FOUND.isPresent();
    }

    public static LeanInstallation installation() {
        return FOUND.orElseThrow();
    }

    private static Optional<LeanInstallation> locate() {
        try {
            return Optional.of(LeanLocator.forThisProcess().locate(Optional.empty()));
        } catch (LeanNotFoundException e) {
            System.err.println("[real-Lean tests skipped] " + SKIP_REASON);
            return Optional.empty();
        }
    }
}
