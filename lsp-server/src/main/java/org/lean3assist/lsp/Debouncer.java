package org.lean3assist.lsp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.lean3assist.engine.Engine;

/**
 * Runs the last of a burst of tasks per key after a quiet period: typing fast sends one check to
 * Lean, not one per keystroke. The delay is read at each submission, so a settings change applies
 * at once. Each submission returns a future that completes when its task ran or was superseded, so
 * tests can await the debounce instead of sleeping.
 */
final class Debouncer implements AutoCloseable {

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Engine.daemonThreads("lean3-assist-debounce"));
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final LongSupplier delayMillis;

    private record Pending(ScheduledFuture<?> scheduled, CompletableFuture<Boolean> done) {}

    Debouncer(LongSupplier delayMillis) {
        this.delayMillis = delayMillis;
    }

    /**
     * Schedules {@code task} for {@code key}, replacing a task still waiting for the same key.
     *
     * @return completes with true once the task ran, or false if a newer submission replaced it
     */
    CompletableFuture<Boolean> submit(String key, Runnable task) {
        var done = new CompletableFuture<Boolean>();
        ScheduledFuture<?> scheduled = scheduler.schedule(() -> {
            // Forget this submission unless a newer one has already taken its place.
            pending.computeIfPresent(key, (ignored, current) -> current.done() == done ? null : current);
            try {
                task.run();
                done.complete(true);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, Math.max(0, delayMillis.getAsLong()), TimeUnit.MILLISECONDS);
        Pending previous = pending.put(key, new Pending(scheduled, done));
        if (previous != null && previous.scheduled().cancel(false)) {
            previous.done().complete(false);
        }
        return done;
    }

    /** Drops a key's waiting task, for example when its document closes. */
    void cancel(String key) {
        Pending previous = pending.remove(key);
        if (previous != null && previous.scheduled().cancel(false)) {
            previous.done().complete(false);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        pending.values().forEach(entry -> entry.done().complete(false));
        pending.clear();
    }
}
