package org.lean3assist.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * Judged suggestions per document version and tactic site. The first request at a place starts the
 * work; later ones read what Lean has judged so far, and the whole ranked list once every replay is
 * done. An edit drops (and cancels) every entry of the document, because a verdict is only true of
 * the text it was computed on.
 */
final class SuggestionStore {

    private record Key(String uri, int version, LeanPosition site) {}

    private final Map<Key, SuggestionWork> entries = new ConcurrentHashMap<>();

    /**
     * The work for this place, started with {@code start} if nobody started it yet. {@code start}
     * gets the listener to tell each suggestion to as Lean judges it.
     */
    SuggestionWork computeIfAbsent(String uri, int version, LeanPosition site,
                                   Function<Consumer<Suggestion>, CompletableFuture<List<Suggestion>>> start) {
        return entries.computeIfAbsent(new Key(uri, version, site), key -> new SuggestionWork(start));
    }

    /** The work for this place, if it was started. */
    Optional<SuggestionWork> get(String uri, int version, LeanPosition site) {
        return Optional.ofNullable(entries.get(new Key(uri, version, site)));
    }

    /** Cancels and forgets every entry of {@code uri} whose version is not {@code keepVersion}. */
    void invalidate(String uri, int keepVersion) {
        List<SuggestionWork> stale = new ArrayList<>();
        entries.entrySet().removeIf(entry -> {
            boolean old = entry.getKey().uri().equals(uri) && entry.getKey().version() != keepVersion;
            if (old) {
                stale.add(entry.getValue());
            }
            return old;
        });
        stale.forEach(SuggestionWork::cancel);
    }

    /** Cancels and forgets everything, for example when Lean restarts. */
    void clear() {
        List<SuggestionWork> all = new ArrayList<>(entries.values());
        entries.clear();
        all.forEach(SuggestionWork::cancel);
    }
}
