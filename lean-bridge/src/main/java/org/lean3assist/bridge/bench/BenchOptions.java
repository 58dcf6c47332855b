package org.lean3assist.bridge.bench;

import java.nio.file.Path;
import java.util.Optional;
import org.lean3assist.bridge.LeanBridgeSettings;

/**
 * What the benchmark runs with.
 *
 * @param workDirectory where the source and the one-shot variant files are written; empty means
 *                      a fresh temporary directory, deleted afterwards
 * @param settings      the bridge settings; {@code executablePath} picks the Lean (else the
 *                      locator's search), {@code replayConcurrency} is used by both sides
 */
public record BenchOptions(Optional<Path> workDirectory, LeanBridgeSettings settings) {

    public static BenchOptions defaults() {
        return new BenchOptions(Optional.empty(), LeanBridgeSettings.defaults());
    }
}
