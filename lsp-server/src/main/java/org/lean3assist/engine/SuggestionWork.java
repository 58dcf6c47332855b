package org.lean3assist.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * One place's suggestions: the final ranked list when every replay is done, and each suggestion as
 * Lean judged it before that. Every reader ranks by {@link Suggestion#BEST_FIRST}.
 */
public final class SuggestionWork {

    private final List<Suggestion> judged = new ArrayList<>();
    private final List<Consumer<Suggestion>> listeners = new ArrayList<>();
    private final CompletableFuture<List<Suggestion>> result;
    private volatile boolean cancelled;

    SuggestionWork(Function<Consumer<Suggestion>, CompletableFuture<List<Suggestion>>> start) {
        result = start.apply(this::judged);
    }

    /** Every candidate with its verdict, ranked, once all are replayed. */
    public CompletableFuture<List<Suggestion>> result() {
        return result;
    }

    /**
     * What there is to show now: the final list when the work is done, else the suggestions judged
     * so far, ranked the same way. Empty when the work failed or was cancelled.
     */
    public List<Suggestion> current() {
        if (result.isDone()) {
            return result.isCompletedExceptionally() ? List.of() : result.join();
        }
        synchronized (judged) {
            return judged.stream().sorted(Suggestion.BEST_FIRST).toList();
        }
    }

    /**
     * Tells {@code listener} every suggestion judged so far, at once, and each later one as Lean
     * judges it (on the thread that learnt it), until the work ends.
     */
    public void listen(Consumer<Suggestion> listener) {
        List<Suggestion> sofar;
        synchronized (judged) {
            listeners.add(listener);
            sofar = List.copyOf(judged);
        }
        sofar.forEach(listener);
    }

    /** Whether the work was cancelled (an edit, a restart, a closed document). */
    public boolean cancelled() {
        return cancelled || result.isCancelled();
    }

    void cancel() {
        cancelled = true;
        result.cancel(true);
    }

    private void judged(Suggestion suggestion) {
        List<Consumer<Suggestion>> told;
        synchronized (judged) {
            judged.add(suggestion);
            // Those listening now; one that starts listening after this sees it in its first batch.
            told = List.copyOf(listeners);
        }
        told.forEach(listener -> listener.accept(suggestion));
    }
}
