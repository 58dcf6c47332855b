package org.lean3assist.bridge.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.transport.Transport;

class LeanClientTest {

    private static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesRequestsInTheRecordedShape() throws Exception {
        LinesWritten transport = new LinesWritten();
        LeanClient client = new LeanClient(transport, new AtomicLong(), NO_PUSH);

        client.sync("/w/a.lean", "theorem t : true := trivial\n");
        client.info("/w/a.lean", new LeanPosition(3, 2));
        client.barrier();

        assertEquals(List.of(
                "{\"seq_num\":1,\"command\":\"sync\",\"file_name\":\"/w/a.lean\",\"content\":\"theorem t : true := trivial\\n\"}",
                "{\"seq_num\":2,\"command\":\"info\",\"file_name\":\"/w/a.lean\",\"line\":3,\"column\":2}",
                "{\"seq_num\":3,\"command\":\"sync_output\"}",
                "{\"seq_num\":4,\"command\":\"barrier_ping\"}"), transport.lines);
    }

    @Test
    void survivesEveryRecordedMalformedReplyAndStillMatchesTheNextOne() throws Exception {
        LinesWritten transport = new LinesWritten();
        LeanClient client = new LeanClient(transport, new AtomicLong(), NO_PUSH);
        CompletableFuture<InfoResponse> pending = client.info("/w/good.lean", new LeanPosition(3, 2));
        int errorsWithoutSeqNum = 0;

        for (JsonNode event : RECORDINGS.transcript("faults/malformed_requests.jsonl")) {
            JsonNode message = event.get("msg");
            if ("recv".equals(event.path("dir").asText()) && "error".equals(message.path("response").asText())
                    && !message.has("seq_num")) {
                client.accept(message.toString());
                errorsWithoutSeqNum++;
            }
        }
        client.accept("this line is not JSON at all");
        client.accept("{\"response\":\"ok\",\"seq_num\":999}");
        assertFalse(pending.isDone());
        client.accept("{\"record\":{\"state\":\"⊢ true\"},\"response\":\"ok\",\"seq_num\":1}");

        assertEquals(7, errorsWithoutSeqNum, "the corpus has seven replies without seq_num");
        assertEquals("⊢ true", pending.get().state().orElseThrow());
    }

    @Test
    void failsARequestThatLeanRefused() {
        LeanClient client = new LeanClient(new LinesWritten(), new AtomicLong(), NO_PUSH);
        CompletableFuture<InfoResponse> pending = client.info("/w/never_synced.lean", new LeanPosition(1, 0));

        client.accept("{\"message\":\"file '/w/never_synced.lean' not found in the search path\",\"response\":\"error\",\"seq_num\":1}");

        ExecutionException failure = assertThrows(ExecutionException.class, pending::get);
        assertInstanceOf(LeanErrorException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("not found in the search path"));
    }

    @Test
    void failsPendingAndLaterRequestsOnceTheProcessIsGone() {
        LeanClient client = new LeanClient(new LinesWritten(), new AtomicLong(), NO_PUSH);
        CompletableFuture<SyncResponse> pending = client.sync("/w/basics.lean", "");

        client.failAll(new LeanProcessException("Lean exited with signal 9 (SIGKILL)"));

        ExecutionException failure = assertThrows(ExecutionException.class, pending::get);
        assertEquals("Lean exited with signal 9 (SIGKILL) while waiting for sync /w/basics.lean", failure.getCause().getMessage());
        assertThrows(ExecutionException.class, () -> client.info("/w/basics.lean", new LeanPosition(1, 0)).get());
    }

    @Test
    void failsARequestWhoseWriteFails() {
        Transport broken = new LinesWritten() {
            @Override
            public void send(String line) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        LeanClient client = new LeanClient(broken, new AtomicLong(), NO_PUSH);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> client.sync("/w/a.lean", "").get());

        assertInstanceOf(LeanProcessException.class, failure.getCause());
        assertTrue(client.pendingRequests().isEmpty());
    }

    @Test
    void completesTheBarrierWithLeansUnknownCommandReply() throws Exception {
        LinesWritten transport = new LinesWritten();
        LeanClient client = new LeanClient(transport, new AtomicLong(), NO_PUSH);
        CompletableFuture<Void> barrier = client.barrier();
        long pingSeq = JSON.readTree(transport.lines.get(1)).get("seq_num").asLong();

        client.accept("{\"message\":\"unknown command\",\"response\":\"error\",\"seq_num\":" + pingSeq + "}");

        barrier.get();
        assertTrue(barrier.isDone());
    }

    private static final LeanClient.PushListener NO_PUSH = new LeanClient.PushListener() {
        @Override
        public void onAllMessages(AllMessages messages) {
        }

        @Override
        public void onCurrentTasks(CurrentTasks tasks) {
        }
    };

    /** A transport that only keeps what was written. */
    private static class LinesWritten implements Transport {
        final List<String> lines = new ArrayList<>();

        @Override
        public void send(String line) throws IOException {
            lines.add(line);
        }

        @Override
        public void closeInput() {
        }

        @Override
        public void kill() {
        }

        @Override
        public void close() {
        }
    }
}
