package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DebouncerTest {

    @Test
    void aBurstRunsOnlyItsLastTaskPerKey() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (var debouncer = new Debouncer(() -> 200)) {
            var first = debouncer.submit("a.lean", () -> ran.add("a1"));
            var second = debouncer.submit("a.lean", () -> ran.add("a2"));
            var other = debouncer.submit("b.lean", () -> ran.add("b1"));

            assertFalse(first.get(10, TimeUnit.SECONDS), "the superseded task reports it did not run");
            assertTrue(second.get(10, TimeUnit.SECONDS));
            assertTrue(other.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("a2", "b1"), ran.stream().sorted().toList());
        }
    }

    @Test
    void aCancelledKeyRunsNothing() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (var debouncer = new Debouncer(() -> 200)) {
            var submitted = debouncer.submit("a.lean", () -> ran.add("a"));
            debouncer.cancel("a.lean");
            assertFalse(submitted.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(), ran);
        }
    }

    @Test
    void aFailingTaskFailsOnlyItsOwnFuture() throws Exception {
        try (var debouncer = new Debouncer(() -> 0)) {
            var failing = debouncer.submit("a", () -> {
                throw new IllegalStateException("boom");
            });
            var fine = debouncer.submit("b", () -> {});
            assertTrue(fine.get(10, TimeUnit.SECONDS));
            assertTrue(failing.isCompletedExceptionally() || waitFailed(failing));
        }
    }

    private static boolean waitFailed(java.util.concurrent.CompletableFuture<Boolean> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
            return false;
        } catch (Exception e) {
            return e.getCause() instanceof IllegalStateException;
        }
    }
}
