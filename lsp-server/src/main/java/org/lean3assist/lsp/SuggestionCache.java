package org.lean3assist.lsp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.suggest.Suggestion;

/**
 * Verified suggestions per document version and tactic site. A hover or a code action starts the
 * work once; later requests at the same place read the result. An edit drops (and cancels) every
 * entry of the document, because a verdict is only true of the text it was computed on.
 */
final class SuggestionCache {

    private record Key(String uri, int version, LeanPosition site) {}

    private final Map<Key, CompletableFuture<List<Suggestion>>> entries = new ConcurrentHashMap<>();

    /** The work for this place, started with {@code start} if nobody started it yet. */
    CompletableFuture<List<Suggestion>> computeIfAbsent(String uri, int version, LeanPosition site,
                                                       Supplier<CompletableFuture<List<Suggestion>>> start) {
        return entries.computeIfAbsent(new Key(uri, version, site), key -> start.get());
    }

    /** The suggestions if they are ready and succeeded. */
    Optional<List<Suggestion>> ready(String uri, int version, LeanPosition site) {
        var future = entries.get(new Key(uri, version, site));
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(future.join());
    }

    /** Whether work for this place has started and not finished. */
    boolean pending(String uri, int version, LeanPosition site) {
        var future = entries.get(new Key(uri, version, site));
        return future != null && !future.isDone();
    }

    /** Cancels and forgets every entry of {@code uri} whose version is not {@code keepVersion}. */
    void invalidate(String uri, int keepVersion) {
        entries.entrySet().removeIf(entry -> {
            boolean stale = entry.getKey().uri().equals(uri) && entry.getKey().version() != keepVersion;
            if (stale) {
                entry.getValue().cancel(true);
            }
            return stale;
        });
    }

    /** Cancels and forgets everything, for example when Lean restarts. */
    void clear() {
        entries.values().forEach(future -> future.cancel(true));
        entries.clear();
    }
}
