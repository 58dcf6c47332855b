package org.lean3assist.bridge.sandbox;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One thread that lives as long as the JVM and starts sandboxed processes. bubblewrap's
 * {@code --die-with-parent} fires when the thread that started it ends (Linux's parent-death
 * signal follows the thread), so a process started from a pool thread that later retires would be
 * killed with it; started from here, it dies only with the JVM.
 */
final class LauncherThread {

    /**
     * A single-thread executor keeps its one thread for good, and an exception thrown by a start
     * is caught by its future rather than ending the thread.
     */
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lean3assist-sandbox-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private LauncherThread() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = THREAD.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException interruption) {
                    // A start takes milliseconds; waiting it out means a process that was started
                    // is always handed to the caller, never left running unseen.
                    interrupted = true;
                }
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof IOException ioException) {
                throw ioException;
            }
            throw new IllegalStateException("cannot start " + builder.command().get(0), failed.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
