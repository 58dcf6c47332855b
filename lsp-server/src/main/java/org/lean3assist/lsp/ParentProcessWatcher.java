package org.lean3assist.lsp;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Ends the server when the editor that started it dies, so that a crashed editor leaves no orphaned
 * server (and no orphaned Lean child) behind. The editor's pid comes from {@code initialize}.
 */
final class ParentProcessWatcher {

    private static final Logger LOG = Logger.getLogger(ParentProcessWatcher.class.getName());

    private ParentProcessWatcher() {}

    /** Runs {@code onParentDeath} once the process {@code pid} has exited; returns false if it is unknown. */
    static boolean watch(long pid, Runnable onParentDeath) {
        if (pid == ProcessHandle.current().pid()) {
            // An in-process client (tests, embedding): there is no separate editor to outlive.
            return false;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty()) {
            LOG.warning(() -> "the editor's process " + pid + " is not running; exiting");
            onParentDeath.run();
            return false;
        }
        parent.get().onExit().thenRun(() -> {
            LOG.warning(() -> "the editor's process " + pid + " exited; exiting too");
            onParentDeath.run();
        });
        return true;
    }
}
