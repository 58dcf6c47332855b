package org.lean3assist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.suggest.Suggestion;

class SuggestionStoreTest {

    private static final LeanPosition SITE = new LeanPosition(8, 2);

    private static Suggestion suggestion(String tactic, Verdict verdict, int order) {
        return new Suggestion(tactic, verdict, Optional.empty(), Optional.empty(), Suggestion.Source.PORTFOLIO, order);
    }

    @Test
    void aPlaceIsWorkedOnOnceAndShowsItsVerdictsRankedAsTheyComeThenTheFinalList() {
        var cache = new SuggestionStore();
        var result = new CompletableFuture<List<Suggestion>>();
        AtomicReference<Consumer<Suggestion>> tell = new AtomicReference<>();
        AtomicInteger starts = new AtomicInteger();

        var work = cache.computeIfAbsent("u", 1, SITE, onJudged -> {
            starts.incrementAndGet();
            tell.set(onJudged);
            return result;
        });
        assertSame(work, cache.computeIfAbsent("u", 1, SITE, onJudged -> {
            starts.incrementAndGet();
            return new CompletableFuture<>();
        }));
        assertEquals(1, starts.get());
        assertEquals(List.of(), work.current());

        tell.get().accept(suggestion("exact h", Verdict.INVALID, 0));
        tell.get().accept(suggestion("simp", Verdict.CLOSES_GOAL, 3));
        tell.get().accept(suggestion("split", Verdict.PROGRESS, 1));
        tell.get().accept(suggestion("cc", Verdict.CLOSES_GOAL, 2));
        // One rule for partial and final lists: the verdict, then the order the candidates were proposed in.
        assertEquals(List.of("cc", "simp", "split", "exact h"), work.current().stream().map(Suggestion::tactic).toList());

        List<String> heard = new java.util.ArrayList<>();
        work.listen(heardOne -> heard.add(heardOne.tactic()));
        tell.get().accept(suggestion("rfl", Verdict.INVALID, 4));
        assertEquals(List.of("exact h", "simp", "split", "cc", "rfl"), heard, "what came before, then each as it comes");

        var last = List.of(suggestion("cc", Verdict.CLOSES_GOAL, 2));
        result.complete(last);
        assertEquals(last, work.current());
    }

    @Test
    void anEditCancelsTheOlderVersionsWorkAndAFailureShowsNothing() {
        var cache = new SuggestionStore();
        var older = cache.computeIfAbsent("u", 1, SITE, onJudged -> new CompletableFuture<>());
        var newer = cache.computeIfAbsent("u", 2, SITE, onJudged -> new CompletableFuture<>());

        cache.invalidate("u", 2);

        assertTrue(older.result().isCancelled());
        assertEquals(List.of(), older.current());
        assertEquals(Optional.empty(), cache.get("u", 1, SITE));
        assertSame(newer, cache.get("u", 2, SITE).orElseThrow());
        assertTrue(!newer.result().isDone());
    }
}
