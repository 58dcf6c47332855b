package org.lean3assist.bridge;

import java.nio.file.Path;
import java.util.List;
import org.lean3assist.bridge.protocol.CurrentTasks;
import org.lean3assist.bridge.protocol.LeanMessage;

/**
 * Events of a {@link LeanServer}. Every method has an empty default so a listener implements
 * only what it needs. Calls come from the bridge's reader or scheduler threads and must not
 * block.
 */
public interface LeanServerListener {

    /** The messages of an open document changed (replay shadows never appear here). */
    default void onMessages(Path file, List<LeanMessage> messages) {
    }

    /** Lean's checking tasks changed. */
    default void onTasks(CurrentTasks tasks) {
    }

    /** The process died; a restart is scheduled unless {@code willRestart} is false. */
    default void onCrash(String reason, boolean willRestart) {
    }

    /** A new process runs and every open document was synced to it again. */
    default void onRestarted(int generation) {
    }

    /** A document got new content; work on its older versions is stale. */
    default void onDocumentChanged(Path file, int version) {
    }
}
