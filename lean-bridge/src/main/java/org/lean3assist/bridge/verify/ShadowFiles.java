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
     * The live layout: {@code <source dir>/.shadow/<slot>/<file name>}. One name per (file, slot)
     * so concurrent replays never overwrite each other, and in the source's own directory tree so
     * that imports resolve as they do for the source (Lean's search path comes from the project
     * root, which contains the shadow).
     */
    static ShadowFiles perSlot() {
        return (source, slot) -> source.toAbsolutePath().getParent().resolve(".shadow")
                .resolve(Integer.toString(slot)).resolve(source.getFileName()).toString();
    }

    /**
     * The layout of the recorded replays: {@code <workspace>/.shadow/<file name>} for every slot.
     * Only correct with a replay concurrency of 1.
     */
    static ShadowFiles recordedLayout(Path workspace) {
        return (source, slot) -> workspace.resolve(".shadow").resolve(source.getFileName()).toString();
    }
}
