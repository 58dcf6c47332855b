package org.lean3assist.bridge.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.LeanServerListener;
import org.lean3assist.bridge.goal.GoalParser;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.LeanProcessException;
import org.lean3assist.bridge.text.TacticBlock;
import org.lean3assist.bridge.text.TacticBlocks;

/**
 * Replays candidate tactics through a {@link LeanServer} and classifies each.
 *
 * <p>Every candidate first passes the {@link SafetyFilter}; a refused one is
 * {@link Verdict#REJECTED} and nothing of it is written. Accepted ones are replayed on shadow
 * files ({@link ShadowFiles}), at most {@code replayConcurrency} at a time, each with the
 * wall-clock limit {@code replayTimeout}; a replay that exceeds it is {@link Verdict#TIMEOUT} and
 * Lean is restarted to stop it. A change of the document cancels its pending
 * requests: their futures complete with a {@link CancellationException}. Results are ranked by
 * {@link Verdict} order, keeping the request's order among equals.
 */
public final class Verifier implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Verifier.class.getName());

    private final LeanServer server;
    private final ShadowFiles shadowFiles;
    private final VariantLayout layout;
    private final Duration replayTimeout;
    private final ExecutorService replayThreads;
    private final BlockingQueue<Integer> freeSlots;
    private final Set<Job> jobs = ConcurrentHashMap.newKeySet();
    private final LeanServerListener documentWatcher;

    /** A verifier for live use: variants end with the candidate's declaration. */
    public Verifier(LeanServer server, ShadowFiles shadowFiles) {
        this(server, shadowFiles, VariantLayout.DECLARATION_ONLY);
    }

    public Verifier(LeanServer server, ShadowFiles shadowFiles, VariantLayout layout) {
        this.server = server;
        this.shadowFiles = shadowFiles;
        this.layout = layout;
        this.replayTimeout = server.settings().replayTimeout();
        int concurrency = server.settings().replayConcurrency();
        AtomicInteger threadNumber = new AtomicInteger();
        this.replayThreads = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "lean-replay-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.freeSlots = new ArrayBlockingQueue<>(concurrency);
        for (int slot = 0; slot < concurrency; slot++) {
            freeSlots.add(slot);
        }
        this.documentWatcher = new LeanServerListener() {
            @Override
            public void onDocumentChanged(Path file, int version) {
                for (Job job : jobs) {
                    if (job.request.file().equals(file) && job.request.documentVersion() != version) {
                        job.cancel("the document changed (version " + version + ")");
                    }
                }
            }
        };
        server.addListener(documentWatcher);
    }

    /**
     * Replays every candidate at the request's position.
     *
     * @return the ranked results; fails with {@link IllegalArgumentException} when the position
     *         does not start a top-level tactic of a closed {@code begin … end} block, with {@link CancellationException}
     *         when the document changes first, and with the process error if Lean dies meanwhile
     */
    public CompletableFuture<List<ReplayResult>> verify(VerifyRequest request) {
        return verify(request, result -> { });
    }

    /**
     * The same, telling {@code onResult} each result as soon as there is one, in the order they
     * come (a refused candidate at once, a replay when Lean has judged it), on a replay thread, so
     * that a caller can show verified tactics before the slowest replay ends. Nothing is told after
     * the request is cancelled, and everything is told before the returned future completes; a
     * listener that throws is logged and does not stop the replays.
     */
    public CompletableFuture<List<ReplayResult>> verify(VerifyRequest request, Consumer<ReplayResult> onResult) {
        Optional<TacticBlock> block = TacticBlocks.enclosing(request.content(), request.position());
        if (block.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "position " + request.position() + " is not inside a begin … end block that is closed"));
        }
        Optional<String> problem = TacticBlocks.replayPositionProblem(request.content(), block.get(), request.position());
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        Job job = new Job(request);
        Optional<Integer> currentVersion = server.documentVersion(request.file());
        if (currentVersion.isPresent() && currentVersion.get() != request.documentVersion()) {
            job.cancel("the request is for version " + request.documentVersion() + " but the document is at "
                    + currentVersion.get());
            return job.result;
        }
        jobs.add(job);
        List<CompletableFuture<ReplayResult>> replays = new ArrayList<>();
        for (int index = 0; index < request.candidates().size(); index++) {
            String candidate = request.candidates().get(index);
            SafetyVerdict safety = SafetyFilter.check(candidate);
            CompletableFuture<ReplayResult> replay;
            if (!safety.accepted()) {
                replay = CompletableFuture.completedFuture(new ReplayResult(index, candidate, Verdict.REJECTED,
                        Optional.empty(), safety.rejection(), List.of(), Duration.ZERO));
            } else {
                int candidateIndex = index;
                replay = CompletableFuture.supplyAsync(() -> replayInSlot(job, block.get(), candidateIndex, candidate),
                        replayThreads);
            }
            // Told before the result list completes, so a listener has heard everything by then.
            replays.add(replay.thenApply(result -> {
                job.tell(onResult, result);
                return result;
            }));
        }
        CompletableFuture.allOf(replays.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            jobs.remove(job);
            if (failure != null) {
                job.result.completeExceptionally(failure instanceof CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure);
                return;
            }
            List<ReplayResult> results = new ArrayList<>(replays.stream().map(CompletableFuture::join).toList());
            results.sort(Comparator.comparing(ReplayResult::verdict).thenComparingInt(ReplayResult::index));
            job.result.complete(Collections.unmodifiableList(results));
        });
        return job.result;
    }

    @Override
    public void close() {
        server.removeListener(documentWatcher);
        for (Job job : jobs) {
            job.cancel("the verifier was closed");
        }
        replayThreads.shutdownNow();
    }

    private ReplayResult replayInSlot(Job job, TacticBlock block, int index, String candidate) {
        job.throwIfCancelled();
        int slot;
        try {
            slot = freeSlots.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        try {
            return replay(job, block, index, candidate, slot);
        } finally {
            freeSlots.add(slot);
        }
    }

    private ReplayResult replay(Job job, TacticBlock block, int index, String candidate, int slot) {
        try {
            return replayOnce(job, block, index, candidate, slot);
        } catch (LeanProcessException processGone) {
            // Lean died under this replay (a crash, or another replay's timeout restarted it);
            // requests wait for the restarted process, so one retry gives a real verdict.
            LOG.info(() -> "retrying '" + candidate + "' after: " + processGone.getMessage());
            return replayOnce(job, block, index, candidate, slot);
        }
    }

    private ReplayResult replayOnce(Job job, TacticBlock block, int index, String candidate, int slot) {
        job.throwIfCancelled();
        long started = System.nanoTime();
        long deadline = started + replayTimeout.toNanos();
        VerifyRequest request = job.request;
        Variant variant = VariantBuilder.build(request.content(), request.position(), block, candidate, layout);
        String shadow = shadowFiles.shadowFor(request.file(), slot);
        try {
            await(server.syncUntracked(shadow, variant.content()), deadline);
            job.throwIfCancelled();
            await(server.awaitChecked(), deadline);
            job.throwIfCancelled();
        } catch (TimeoutException tooSlow) {
            // Lean 3 does not stop a runaway elaboration when its file is synced again, and
            // every later barrier would wait for it (up to Lean's own timeout, about a minute).
            // Restarting is cheaper: open documents are re-synced, and replays that were in
            // flight are retried once on the new process.
            LOG.warning(() -> "replay of '" + candidate + "' exceeded " + replayTimeout.toMillis()
                    + " ms; restarting Lean to stop it");
            server.killProcess();
            return new ReplayResult(index, candidate, Verdict.TIMEOUT, Optional.empty(),
                    Optional.of("no verdict from Lean within " + replayTimeout.toMillis() + " ms"), List.of(),
                    elapsedSince(started));
        }
        ReplayClassifier.Classification classification = ReplayClassifier.classify(server.messages(shadow),
                variant.declarationLine(), variant.endLine());
        Optional<GoalState> goalsAfter = Optional.empty();
        if (classification.verdict() == Verdict.PROGRESS) {
            goalsAfter = goalsAfter(shadow, variant, classification, deadline);
        }
        Optional<String> explanation = classification.verdict() == Verdict.INVALID
                || classification.verdict() == Verdict.TIMEOUT
                ? classification.decisiveMessage().map(LeanMessage::text) : Optional.empty();
        LOG.fine(() -> "replayed '" + candidate + "' in slot " + slot + ": " + classification.verdict());
        return new ReplayResult(index, candidate, classification.verdict(), goalsAfter, explanation,
                classification.relevant(), elapsedSince(started));
    }

    /**
     * The goals after the candidate: Lean's state just after its comma, or, when Lean has no
     * record there, the state printed in the unsolved-goals error (the two agree in every
     * recorded replay).
     */
    private Optional<GoalState> goalsAfter(String shadow, Variant variant,
                                           ReplayClassifier.Classification classification, long deadline) {
        Optional<String> state;
        try {
            state = await(server.info(shadow, variant.afterCandidate()), deadline).state();
        } catch (TimeoutException tooSlow) {
            state = Optional.empty();
        }
        if (state.isEmpty()) {
            state = classification.decisiveMessage().flatMap(ReplayClassifier::unsolvedState);
        }
        try {
            return state.map(GoalParser::parse);
        } catch (IllegalArgumentException unknownShape) {
            return Optional.empty();
        }
    }

    private static <T> T await(CompletableFuture<T> future, long deadlineNanos) throws TimeoutException {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private static Duration elapsedSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static final class Job {
        private final VerifyRequest request;
        private final CompletableFuture<List<ReplayResult>> result = new CompletableFuture<>();
        private volatile String cancelledBecause;

        Job(VerifyRequest request) {
            this.request = request;
        }

        void cancel(String reason) {
            cancelledBecause = reason;
            result.completeExceptionally(new CancellationException(reason));
        }

        void throwIfCancelled() {
            if (cancelledBecause != null) {
                throw new CancellationException(cancelledBecause);
            }
        }

        void tell(Consumer<ReplayResult> listener, ReplayResult result) {
            if (cancelledBecause != null) {
                return;
            }
            try {
                listener.accept(result);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a replay listener failed on '" + result.candidate() + "'", e);
            }
        }
    }
}
