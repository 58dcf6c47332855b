package org.lean3assist.bridge.locate;

import java.nio.file.Path;

/**
 * A Lean 3 that was found and answered {@code --version}.
 *
 * @param executable  the {@code lean} binary
 * @param versionLine the first line of {@code lean --version}, e.g. {@code Lean (version 3.51.1, Release)}
 * @param foundBy     which place it was found in, e.g. {@code LEAN3_HOME}
 */
public record LeanInstallation(Path executable, String versionLine, String foundBy) {
}
