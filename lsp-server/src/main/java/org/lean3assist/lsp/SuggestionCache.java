package org.lean3assist.lsp;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * Verified suggestions per document version and tactic site. A hover or a code action starts the
 * work once; later requests at the same place read what Lean has judged so far, and the whole
 * ranked list once every replay is done. An edit drops (and cancels) every entry of the document,
 * because a verdict is only true of the text it was computed on.
 */
final class SuggestionCache {

    private record Key(String uri, int version, LeanPosition site) {}

    /** One place's work: the final ranked list when it is done, and each suggestion as Lean judged it. */
    static final class Work {
        private final List<Suggestion> judged = new CopyOnWriteArrayList<>();
        private final CompletableFuture<List<Suggestion>> result;

        private Work(Function<Consumer<Suggestion>, CompletableFuture<List<Suggestion>>> start) {
            result = start.apply(judged::add);
        }

        /** Every candidate with its verdict, ranked, once all are replayed. */
        CompletableFuture<List<Suggestion>> result() {
            return result;
        }

        /**
         * What there is to show now: the final list when the work is done, else the suggestions
         * judged so far, ranked the same way (closes the goal, then progress, then the rest; the
         * order Lean judged them among equals). Empty when the work failed or was cancelled.
         */
        List<Suggestion> current() {
            if (result.isDone()) {
                return result.isCompletedExceptionally() ? List.of() : result.join();
            }
            return judged.stream().sorted(Comparator.comparing(Suggestion::verdict)).toList();
        }
    }

    private final Map<Key, Work> entries = new ConcurrentHashMap<>();

    /**
     * The work for this place, started with {@code start} if nobody started it yet. {@code start}
     * gets the listener to tell each suggestion to as Lean judges it.
     */
    Work computeIfAbsent(String uri, int version, LeanPosition site,
                         Function<Consumer<Suggestion>, CompletableFuture<List<Suggestion>>> start) {
        return entries.computeIfAbsent(new Key(uri, version, site), key -> new Work(start));
    }

    /** The work for this place, if it was started. */
    Optional<Work> get(String uri, int version, LeanPosition site) {
        return Optional.ofNullable(entries.get(new Key(uri, version, site)));
    }

    /** Cancels and forgets every entry of {@code uri} whose version is not {@code keepVersion}. */
    void invalidate(String uri, int keepVersion) {
        entries.entrySet().removeIf(entry -> {
            boolean stale = entry.getKey().uri().equals(uri) && entry.getKey().version() != keepVersion;
            if (stale) {
                entry.getValue().result().cancel(true);
            }
            return stale;
        });
    }

    /** Cancels and forgets everything, for example when Lean restarts. */
    void clear() {
        entries.values().forEach(work -> work.result().cancel(true));
        entries.clear();
    }
}
