package org.lean3assist.bridge;

import java.util.Optional;
import org.lean3assist.bridge.locate.LeanInstallation;
import org.lean3assist.bridge.locate.LeanLocator;
import org.lean3assist.bridge.locate.LeanNotFoundException;

/**
 * The Lean 3 the real-Lean tests run against, found the way the product finds one
 * ({@code LEAN3_HOME}, {@code PATH}, elan). When there is none, the gated tests are skipped and
 * the reason is printed once, so the skip is visible in the build output.
 */
public final class RealLean {

    private static Optional<LeanInstallation> found;

    private RealLean() {
    }

    /** The condition of {@code @EnabledIf}: whether a Lean 3 was found. */
    public static synchronized boolean found() {
        if (found == null) {
            try {
                found = Optional.of(LeanLocator.forThisProcess().locate(Optional.empty()));
                System.err.println("[real-lean] running the real-Lean tests against " + found.get().executable()
                        + " (" + found.get().versionLine() + ", from " + found.get().foundBy() + ")");
            } catch (LeanNotFoundException notFound) {
                found = Optional.empty();
                System.err.println("[real-lean] SKIPPING the real-Lean tests: " + notFound.getMessage());
            }
        }
        return found.isPresent();
    }

    public static LeanInstallation installation() {
        if (!found()) {
            throw new IllegalStateException("no Lean 3");
        }
        return found.get();
    }
}
