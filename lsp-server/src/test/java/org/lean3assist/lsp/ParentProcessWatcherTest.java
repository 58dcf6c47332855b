package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentProcessWatcherTest {

    @Test
    void theCallbackRunsWhenTheWatchedProcessDies() throws Exception {
        Process editor = new ProcessBuilder("sleep", "60").start();
        var died = new CountDownLatch(1);
        assertTrue(ParentProcessWatcher.watch(editor.pid(), died::countDown));
        assertFalse(died.await(200, TimeUnit.MILLISECONDS), "no callback while the process lives");

        editor.destroyForcibly();

        assertTrue(died.await(30, TimeUnit.SECONDS), "the callback ran after the process died");
    }

    @Test
    void anUnknownProcessEndsTheServerAtOnce() {
        var died = new CountDownLatch(1);
        assertFalse(ParentProcessWatcher.watch(Long.MAX_VALUE / 2, died::countDown));
        assertTrue(died.getCount() == 0);
    }
}
