package org.lean3assist.bridge.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.transport.Transport;

/**
 * The typed client of one Lean server process: it writes requests with fresh {@code seq_num}s,
 * completes the matching future when the reply comes, and hands pushed messages to a
 * {@link PushListener}. Replies it cannot match (no {@code seq_num}, unknown number, not JSON)
 * are logged and ignored, so a malformed line never breaks the session.
 */
public final class LeanClient {

    /**
     * The command sent after {@code sync_output} to mark the end of checking. Lean answers it
     * with {@code unknown command}, and only after every checking task has finished, because
     * {@code sync_output} blocks the request loop until then.
     */
    public static final String BARRIER_COMMAND = "barrier_ping";

    private static final Logger LOG = Logger.getLogger(LeanClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport transport;
    private final AtomicLong seqNumbers;
    private final PushListener pushListener;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();
    private volatile LeanProcessException failure;

    /** Receives what Lean sends without being asked. */
    public interface PushListener {

        void onAllMessages(AllMessages messages);

        void onCurrentTasks(CurrentTasks tasks);
    }

    /**
     * @param transport  where requests are written
     * @param seqNumbers the source of {@code seq_num}s; shared across generations so that a
     *                   number is never reused in one editor session, which keeps logs readable
     */
    public LeanClient(Transport transport, AtomicLong seqNumbers, PushListener pushListener) {
        this.transport = transport;
        this.seqNumbers = seqNumbers;
        this.pushListener = pushListener;
    }

    public CompletableFuture<SyncResponse> sync(String fileName, String content) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("file_name", fileName);
        request.put("content", content);
        return request("sync", request, fileName, ReplyParser::sync);
    }

    public CompletableFuture<InfoResponse> info(String fileName, LeanPosition position) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("file_name", fileName);
        request.put("line", position.line());
        request.put("column", position.column());
        return request("info", request, fileName + ":" + position, ReplyParser::info);
    }

    public CompletableFuture<CompletionResponse> complete(String fileName, LeanPosition position) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("file_name", fileName);
        request.put("line", position.line());
        request.put("column", position.column());
        request.put("skip_completions", false);
        return request("complete", request, fileName + ":" + position, ReplyParser::completion);
    }

    /**
     * Completes when Lean has finished checking everything synced so far: {@code sync_output}
     * (no reply) followed by {@link #BARRIER_COMMAND}, whose error reply marks the end.
     */
    public CompletableFuture<Void> barrier() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long syncOutput = seqNumbers.incrementAndGet();
        long ping = seqNumbers.incrementAndGet();
        Pending barrier = new Pending("barrier", "", reply -> null, done, true);
        synchronized (sendLock) {
            if (failIfDead(done)) {
                return done;
            }
            pending.put(ping, barrier);
            try {
                transport.send(line(syncOutput, "sync_output", Map.of()));
                transport.send(line(ping, BARRIER_COMMAND, Map.of()));
            } catch (IOException writeFailed) {
                pending.remove(ping);
                done.completeExceptionally(new LeanProcessException("could not write to Lean: " + writeFailed.getMessage(), writeFailed));
            }
        }
        return done;
    }

    /** Feeds one stdout line; called by the transport's reader thread. */
    public void accept(String line) {
        LeanReply reply = ReplyParser.parse(line);
        if (reply instanceof LeanReply.Ok ok) {
            Pending request = pending.remove(ok.seqNum());
            if (request == null) {
                LOG.warning(() -> "lean answered seq_num " + ok.seqNum() + " that no request is waiting for: " + line);
            } else {
                request.completeOk(ok);
            }
        } else if (reply instanceof ErrorResponse error) {
            Pending request = error.seqNum().isPresent() ? pending.remove(error.seqNum().getAsLong()) : null;
            if (request == null) {
                LOG.warning(() -> "lean reported an error that answers no pending request: " + line);
            } else {
                request.completeError(error);
            }
        } else if (reply instanceof AllMessages messages) {
            pushListener.onAllMessages(messages);
        } else if (reply instanceof CurrentTasks tasks) {
            pushListener.onCurrentTasks(tasks);
        } else if (reply instanceof LeanReply.Unrecognised unrecognised) {
            LOG.warning(() -> "ignored a line from lean (" + unrecognised.why() + "): " + line);
        }
    }

    /**
     * Fails every pending request and every later one with {@code failure}; called when the
     * process is gone.
     */
    public void failAll(LeanProcessException cause) {
        synchronized (sendLock) {
            failure = cause;
        }
        List<Pending> waiting = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending request : waiting) {
            request.future.completeExceptionally(new LeanProcessException(
                    cause.getMessage() + " while waiting for " + request.describe(), cause));
        }
    }

    /** The requests still waiting for a reply, described for error messages. */
    public List<String> pendingRequests() {
        return pending.values().stream().map(Pending::describe).toList();
    }

    private <T> CompletableFuture<T> request(String command, Map<String, Object> arguments, String subject,
                                             Function<LeanReply.Ok, T> decoder) {
        CompletableFuture<T> future = new CompletableFuture<>();
        long seqNum = seqNumbers.incrementAndGet();
        synchronized (sendLock) {
            if (failIfDead(future)) {
                return future;
            }
            pending.put(seqNum, new Pending(command, subject, decoder::apply, future, false));
            try {
                transport.send(line(seqNum, command, arguments));
            } catch (IOException writeFailed) {
                pending.remove(seqNum);
                future.completeExceptionally(new LeanProcessException(
                        "could not write '" + command + "' to Lean: " + writeFailed.getMessage(), writeFailed));
            }
        }
        return future;
    }

    private boolean failIfDead(CompletableFuture<?> future) {
        if (failure != null) {
            future.completeExceptionally(failure);
            return true;
        }
        return false;
    }

    private static String line(long seqNum, String command, Map<String, Object> arguments) {
        // Lean does not care about key order, but the recorded transcripts write seq_num and
        // command first; keeping that order makes logs comparable with the recordings.
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("seq_num", seqNum);
        message.put("command", command);
        message.putAll(arguments);
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a request of strings and numbers is always JSON", impossible);
        }
    }

    private static final class Pending {
        private final String command;
        private final String subject;
        private final Function<LeanReply.Ok, ?> decoder;
        @SuppressWarnings("rawtypes")
        private final CompletableFuture future;
        private final boolean errorIsSuccess;

        Pending(String command, String subject, Function<LeanReply.Ok, ?> decoder, CompletableFuture<?> future,
                boolean errorIsSuccess) {
            this.command = command;
            this.subject = subject;
            this.decoder = decoder;
            this.future = future;
            this.errorIsSuccess = errorIsSuccess;
        }

        @SuppressWarnings("unchecked")
        void completeOk(LeanReply.Ok reply) {
            try {
                future.complete(decoder.apply(reply));
            } catch (RuntimeException undecodable) {
                future.completeExceptionally(undecodable);
            }
        }

        @SuppressWarnings("unchecked")
        void completeError(ErrorResponse error) {
            if (errorIsSuccess) {
                future.complete(null);
            } else {
                LOG.log(Level.FINE, () -> "lean refused " + describe() + ": " + error.message());
                future.completeExceptionally(new LeanErrorException(command, error.message()));
            }
        }

        String describe() {
            return subject.isEmpty() ? command : command + " " + subject;
        }
    }
}
