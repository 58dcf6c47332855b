package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The pool's checker lifecycle on stand-in Leans: warm-ups that send only the import header and
 * never keep a slot, and idle checkers stopped on an injected clock, never while busy.
 */
class CheckerPoolLifecycleTest {

    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final String FILE = "/project/src/Main.lean";
    private static final String REPLAY_0 = "/project/src/Main.lean3assist-replay-0.lean";
    private static final String REPLAY_1 = "/project/src/Main.lean3assist-replay-1.lean";
    private static final String SOURCE = "-- a comment\n/- and a block -/\nimport data.real.basic .helper\n\n"
            + "open real\n\ntheorem t : (2 : ℝ) = 2 :=\nbegin\n  refl\nend\n";
    private static final String HEADER = "import data.real.basic\nimport .helper\n";
    /** A warm-up's two checks: the header and the fixed command after it, then again (SnapshotAnchor). */
    private static final String WARM = HEADER + SnapshotAnchor.LINE;
    private static final String WARM_AGAIN = WARM + "-- lean3assist: warm-up, again\n";
    private static final long GUARD_SECONDS = 30;

    private final AtomicLong now = new AtomicLong();
    private final AnsweringLean.Started leans = new AnsweringLean.Started();

    private CheckerPool pool(int size) {
        return new CheckerPool(leans.launcher(), size, new CheckerPool.Confinement(false, "stand-in"), IDLE, now::get, false);
    }

    // ---- idle exit ---------------------------------------------------------------------------

    @Test
    void aCheckerFreeForLongerThanTheTimeoutIsStoppedAndTheNextAcquireStartsAFreshOne() throws Exception {
        try (CheckerPool pool = pool(1)) {
            pool.acquire().close();
            assertEquals(1, pool.started());

            now.addAndGet(IDLE.toNanos() + 1);
            assertEquals(1, pool.reapIdle());

            assertEquals(0, pool.running());
            assertTrue(leans.get(0).exited(), "the idle Lean's process was killed");
            try (CheckerPool.Checker checker = pool.acquire()) {
                assertEquals(2, pool.started(), "a fresh Lean for the next check");
                checker.sync(REPLAY_0, ScreenedContent.EMPTY).get(GUARD_SECONDS, TimeUnit.SECONDS);
            }
            assertEquals(List.of(REPLAY_0), leans.get(1).syncedNames());
        }
    }

    @Test
    void aCheckerUsedWithinTheTimeoutIsKept() throws Exception {
        try (CheckerPool pool = pool(1)) {
            pool.acquire().close();
            now.addAndGet(IDLE.toNanos() / 2);
            pool.acquire().close();
            now.addAndGet(IDLE.toNanos() / 2 + 1);

            assertEquals(0, pool.reapIdle(), "the clock runs from the last use, not the start");
            assertEquals(1, pool.running());
        }
    }

    @Test
    void aBusyCheckerIsNeverStopped() throws Exception {
        try (CheckerPool pool = pool(2)) {
            CheckerPool.Checker held = pool.acquire();
            pool.acquire().close();
            now.addAndGet(IDLE.toNanos() * 100);

            assertEquals(1, pool.reapIdle(), "only the free one");

            assertEquals(1, pool.running());
            assertFalse(leans.get(0).exited());
            held.sync("/project/a.lean", ScreenedContent.EMPTY).get(GUARD_SECONDS, TimeUnit.SECONDS);
            held.close();
        }
    }

    @Test
    void theIdleTimeoutIsASettingOfTenMinutesByDefaultAndPositive() {
        assertEquals(Duration.ofMinutes(10), org.lean3assist.bridge.LeanBridgeSettings.defaults().checkerIdleTimeout());
        assertEquals(Duration.ofMinutes(3), org.lean3assist.bridge.LeanBridgeSettings.defaults()
                .withCheckerIdleTimeout(Duration.ofMinutes(3)).checkerIdleTimeout());
        assertThrows(IllegalArgumentException.class,
                () -> org.lean3assist.bridge.LeanBridgeSettings.defaults().withCheckerIdleTimeout(Duration.ZERO));
    }

    @Test
    void theReaperLooksAtATenthOfTheTimeoutBetweenASecondAndAMinute() {
        assertEquals(Duration.ofMinutes(1), CheckerPool.reaperPeriod(Duration.ofMinutes(10)));
        assertEquals(Duration.ofSeconds(30), CheckerPool.reaperPeriod(Duration.ofMinutes(5)));
        assertEquals(Duration.ofSeconds(1), CheckerPool.reaperPeriod(Duration.ofSeconds(3)));
    }

    // ---- warm-up -----------------------------------------------------------------------------

    @Test
    void warmingStartsEveryFreeSlotAndGivesItOnlyTheImportHeader() throws Exception {
        try (CheckerPool pool = pool(2)) {
            pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS);

            assertEquals(2, pool.started());
            assertEquals(2, pool.free(), "every slot is free again");
            // Each under the name replays of the file use on that checker, beside it.
            assertEquals(List.of(REPLAY_0, REPLAY_0), leans.of(0).syncedNames());
            assertEquals(List.of(WARM, WARM_AGAIN), leans.of(0).syncsOf(REPLAY_0));
            assertEquals(List.of(REPLAY_1, REPLAY_1), leans.of(1).syncedNames());
            assertEquals(List.of(WARM, WARM_AGAIN), leans.of(1).syncsOf(REPLAY_1));

            // A replay there is an edit of the warmed file; a check under another name empties it first.
            try (CheckerPool.Checker checker = pool.acquire()) {
                String replay = checker.slot() == 0 ? REPLAY_0 : REPLAY_1;
                checker.sync(replay, ScreenedContent.EMPTY).get(GUARD_SECONDS, TimeUnit.SECONDS);
                assertEquals(List.of(WARM, WARM_AGAIN, ""), leans.of(checker.slot()).syncsOf(replay));
                assertEquals(List.of(replay, replay, replay), leans.of(checker.slot()).syncedNames(), "nothing else was emptied");
                checker.sync("/project/src/Main.lean3assist-formalize-0.lean", ScreenedContent.EMPTY).get(GUARD_SECONDS, TimeUnit.SECONDS);
                assertEquals(List.of(WARM, WARM_AGAIN, "", ""), leans.of(checker.slot()).syncsOf(replay));
            }
        }
    }

    @Test
    void warmsWithTheSameHeaderDoNoDoubleWork() throws Exception {
        leans.holdBarriers = true;
        try (CheckerPool pool = pool(2)) {
            CompletableFuture<Void> first = pool.warm(FILE, SOURCE);
            // The same file, with the same imports written differently.
            CompletableFuture<Void> second = pool.warm(FILE, "import data.real.basic\nimport .helper\n");

            assertSame(first, second, "the warm in progress is shared");
            awaitSyncs(2);
            leans.leans.forEach(AnsweringLean::releaseBarriers);
            first.get(GUARD_SECONDS, TimeUnit.SECONDS);
            pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS);

            assertEquals(2, pool.started());
            assertEquals(List.of(WARM, WARM_AGAIN), leans.of(0).syncsOf(REPLAY_0), "each checker imported the header once");
            assertEquals(List.of(WARM, WARM_AGAIN), leans.of(1).syncsOf(REPLAY_1), "each checker imported the header once");
        }
    }

    @Test
    void aBusySlotIsLeftAsItIs() throws Exception {
        try (CheckerPool pool = pool(2)) {
            CheckerPool.Checker held = pool.acquire();

            pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS);

            assertEquals(2, pool.started());
            assertEquals(List.of(), leans.get(0).syncedNames(), "the busy checker got nothing");
            assertEquals(List.of(WARM, WARM_AGAIN), leans.of(1).syncsOf(REPLAY_1));
            assertEquals(1, pool.free());
            held.close();
        }
    }

    @Test
    void aCancelledWarmFreesItsSlotsAtOnce() throws Exception {
        try (CheckerPool pool = pool(2)) {
            CompletableFuture<Void> warm = heldWarm(pool);

            assertTrue(warm.cancel(true));

            // Both slots come back although Lean never said the header was checked.
            CheckerPool.Checker first = acquireWithin(pool);
            CheckerPool.Checker second = acquireWithin(pool);
            assertEquals(2, pool.started(), "the same Leans, not new ones");
            first.close();
            second.close();
            // Not counted as warm: the next warm gives the header again.
            leans.leans.forEach(AnsweringLean::releaseBarriers);
            pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals(List.of(WARM, WARM, WARM_AGAIN), leans.of(0).syncsOf(REPLAY_0));
        }
    }

    @Test
    void aWarmWhoseLeanDiesFreesTheSlotAndFailsNothingElse() throws Exception {
        try (CheckerPool pool = pool(1)) {
            CompletableFuture<Void> warm = heldWarm(pool);

            leans.get(0).die();

            warm.get(GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, pool.running(), "the dead Lean was discarded");
            assertEquals(1, pool.free(), "and its slot freed, not warmed again in a loop");
            leans.holdBarriers = false;
            try (CheckerPool.Checker checker = pool.acquire()) {
                assertEquals(2, pool.started());
            }
        }
    }

    @Test
    void aWarmThatCannotStartALeanFailsAndKeepsNoSlot() throws Exception {
        try (CheckerPool pool = new CheckerPool(slot -> {
            throw new IOException("no Lean here");
        }, 2, new CheckerPool.Confinement(false, "none"), IDLE, now::get, false)) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS));

            assertInstanceOf(IOException.class, failed.getCause());
            assertEquals(2, pool.free());
        }
    }

    @Test
    void aDiscardedCheckerIsWarmedAgainBeforeItIsUsed() throws Exception {
        try (CheckerPool pool = pool(1)) {
            pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS);
            CheckerPool.Checker timedOut = pool.acquire();

            timedOut.discard("the replay exceeded its time");
            timedOut.close();

            // The one slot comes back only once its fresh Lean has checked the header.
            try (CheckerPool.Checker next = acquireWithin(pool)) {
                assertEquals(2, pool.started());
                assertEquals(List.of(REPLAY_0, REPLAY_0), leans.get(1).syncedNames());
                assertEquals(List.of(WARM, WARM_AGAIN), leans.get(1).syncsOf(REPLAY_0));
            }
        }
    }

    @Test
    void afterAnIdleExitTheFirstStartWarmsTheOtherSlotsInTheBackground() throws Exception {
        try (CheckerPool pool = pool(2)) {
            pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS);
            now.addAndGet(IDLE.toNanos() + 1);
            assertEquals(2, pool.reapIdle());

            CheckerPool.Checker first = pool.acquire();
            // The background warm it started is the one in progress, or done; either way this waits for it.
            pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS);

            assertEquals(4, pool.started());
            assertEquals(List.of(), leans.get(2).syncedNames(), "the acquired checker is its caller's");
            assertEquals(List.of(WARM, WARM_AGAIN), leans.get(3).syncsOf(REPLAY_1));
            first.close();
        }
    }

    @Test
    void aClosedPoolRefusesToWarm() {
        CheckerPool pool = pool(1);
        pool.close();

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> pool.warm(FILE, SOURCE).get(GUARD_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, refused.getCause());
    }

    /**
     * Acquires on a thread of its own (not the common pool, which other tests' leftovers may hold),
     * failing the test if no slot comes back.
     */
    private static CheckerPool.Checker acquireWithin(CheckerPool pool) throws Exception {
        CompletableFuture<CheckerPool.Checker> acquired = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                acquired.complete(pool.acquire());
            } catch (Exception | Error e) {
                acquired.completeExceptionally(e);
            }
        }, "test-acquire");
        thread.setDaemon(true);
        thread.start();
        try {
            return acquired.get(GUARD_SECONDS, TimeUnit.SECONDS);
        } finally {
            thread.interrupt();
        }
    }

    /** A warm whose Leans hold back their barrier answers, once every slot was given the header. */
    private CompletableFuture<Void> heldWarm(CheckerPool pool) throws InterruptedException {
        leans.holdBarriers = true;
        CompletableFuture<Void> warm = pool.warm(FILE, SOURCE);
        awaitSyncs(pool.size());
        return warm;
    }

    /** Waits until {@code count} more files were synced, as the warm-up's first step on each checker. */
    private void awaitSyncs(int count) throws InterruptedException {
        assertTrue(leans.awaitSyncs(count, GUARD_SECONDS), "the warm-up files were synced");
    }
}
