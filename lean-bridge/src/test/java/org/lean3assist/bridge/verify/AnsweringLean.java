package org.lean3assist.bridge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.protocol.LeanClient;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportListener;

/**
 * A stand-in for a checker's {@code lean --server} that answers as Lean 3.51.1 does in the
 * recordings (a sync with "file invalidated", the barrier ping with "unknown command"), for tests of
 * the pool's own bookkeeping: which Leans it starts, stops, and gives which files. Barrier answers
 * can be held back ({@link #holdBarriers}) to stand for a long import.
 */
final class AnsweringLean implements Transport {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final LeanBridgeSettings SETTINGS = LeanBridgeSettings.defaults()
            .withTrailingMessagesWait(Duration.ZERO).withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10), 0);

    private final TransportListener listener;
    private final Started owner;
    private final ExecutorService replies;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Long> heldBarriers = new ArrayList<>();
    private final AtomicBoolean exited = new AtomicBoolean();
    private boolean holding;

    private AnsweringLean(TransportListener listener, Started owner) {
        this.listener = listener;
        this.owner = owner;
        this.replies = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "answering-lean");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Every Lean started by a pool's launcher, in order. */
    static final class Started {
        final List<AnsweringLean> leans = Collections.synchronizedList(new ArrayList<>());
        /** One permit per sync any of them received. */
        final Semaphore syncs = new Semaphore(0);
        volatile boolean holdBarriers;

        private final java.util.Map<Integer, AnsweringLean> latest = new java.util.concurrent.ConcurrentHashMap<>();

        CheckerPool.Launcher launcher() {
            return slot -> LeanServer.start(listener -> {
                AnsweringLean lean = new AnsweringLean(listener, this);
                lean.holding = holdBarriers;
                leans.add(lean);
                latest.put(slot, lean);
                return lean;
            }, SETTINGS);
        }

        /** The Lean last started for a slot. */
        AnsweringLean of(int slot) {
            return latest.get(slot);
        }

        /** Waits, at most {@code seconds}, until {@code count} more syncs were received; false if they were not. */
        boolean awaitSyncs(int count, long seconds) throws InterruptedException {
            return syncs.tryAcquire(count, seconds, TimeUnit.SECONDS);
        }

        AnsweringLean get(int index) {
            return leans.get(index);
        }

        int count() {
            return leans.size();
        }
    }

    @Override
    public synchronized void send(String line) throws IOException {
        if (exited.get()) {
            throw new IOException("Broken pipe (the stand-in Lean has exited)");
        }
        JsonNode request = JSON.readTree(line);
        received.add(request);
        long seq = request.path("seq_num").asLong();
        switch (request.path("command").asText()) {
            case "sync" -> {
                reply("{\"message\":\"file invalidated\",\"response\":\"ok\",\"seq_num\":" + seq + "}");
                owner.syncs.release();
            }
            case LeanClient.BARRIER_COMMAND -> {
                if (holding) {
                    heldBarriers.add(seq);
                } else {
                    reply(barrierAnswer(seq));
                }
            }
            default -> { }
        }
    }

    /** From now on barrier pings wait for {@link #releaseBarriers}. */
    synchronized void holdBarriers() {
        holding = true;
    }

    /** Answers every held barrier ping, and the later ones at once. */
    synchronized void releaseBarriers() {
        holding = false;
        heldBarriers.forEach(seq -> reply(barrierAnswer(seq)));
        heldBarriers.clear();
    }

    /** Dies as if killed by a signal, failing whatever waits. */
    void die() {
        if (exited.compareAndSet(false, true)) {
            replies.execute(() -> listener.onExit(ExitStatus.killedBy(9)));
        }
    }

    boolean exited() {
        return exited.get();
    }

    /** The contents synced under {@code fileName}, in order. */
    List<String> syncsOf(String fileName) {
        return received.stream().filter(request -> request.path("command").asText().equals("sync")
                && request.path("file_name").asText().equals(fileName)).map(request -> request.path("content").asText()).toList();
    }

    /** The names of every file synced, in order. */
    List<String> syncedNames() {
        return received.stream().filter(request -> request.path("command").asText().equals("sync"))
                .map(request -> request.path("file_name").asText()).toList();
    }

    private static String barrierAnswer(long seq) {
        return "{\"message\":\"unknown command\",\"response\":\"error\",\"seq_num\":" + seq + "}";
    }

    private void reply(String line) {
        replies.execute(() -> {
            if (!exited.get()) {
                listener.onLine(line);
            }
        });
    }

    @Override
    public void closeInput() {
        die();
    }

    @Override
    public void kill() {
        die();
    }

    @Override
    public void close() {
        die();
        replies.shutdown();
    }
}
