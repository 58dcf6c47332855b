package org.lean3assist.bridge.verify;

import java.nio.file.Path;

/**
 * Names the file a replay is synced under. It is never the user's file, so replays never
 * disturb the user's buffer or its messages, and it is never written to disk: Lean receives
 * its content inline.
 */
@FunctionalInterface
public interface ShadowFiles {

    /** The name Lean sees for replay slot {@code slot} (0 ≤ slot &lt; replay concurrency) of {@code source}. */
    String shadowFor(Path source, int slot);

    /**
     * The live layout: {@code <source dir>/<stem>.lean3assist-replay-<slot>.lean}, beside the
     * source. One name per (file, slot) so concurrent replays never overwrite each other, and in
     * the source's own directory so that every import resolves as it does for the source: absolute
     * ones through the project's search path, relative ones ({@code import .foo},
     * {@code import ..foo}) against the same directory.
     */
    static ShadowFiles perSlot() {
        return (source, slot) -> sibling(source, "replay-" + slot);
    }

    /** A name beside {@code source} for content Lean checks in the source's place, tagged {@code tag}. */
    static String sibling(Path source, String tag) {
        String name = source.getFileName().toString();
        String stem = name.endsWith(".lean") ? name.substring(0, name.length() - ".lean".length()) : name;
        return source.toAbsolutePath().resolveSibling(stem + ".lean3assist-" + tag + ".lean").toString();
    }

    /**
     * The layout of the recorded replays: {@code <workspace>/.shadow/<file name>} for every slot.
     * Only correct with a replay concurrency of 1.
     */
    static ShadowFiles recordedLayout(Path workspace) {
        return (source, slot) -> workspace.resolve(".shadow").resolve(source.getFileName()).toString();
    }
}
