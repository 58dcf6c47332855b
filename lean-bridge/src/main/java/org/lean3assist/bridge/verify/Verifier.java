package org.lean3assist.bridge.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.LeanServerListener;
import org.lean3assist.bridge.goal.GoalParser;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.LeanProcessException;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.TacticBlock;
import org.lean3assist.bridge.text.TacticBlocks;

/**
 * Replays candidate tactics on checker Leans and classifies each.
 *
 * <p>Every candidate first passes the {@link SafetyFilter}; a refused one is
 * {@link Verdict#REJECTED} and nothing of it is written. Accepted ones are replayed on the
 * {@link CheckerPool}'s Leans, never on the Lean that checks the user's buffers, one replay per
 * checker at a time, each with the wall-clock limit {@code replayTimeout}; a replay that exceeds it
 * is {@link Verdict#TIMEOUT} and its checker is replaced. A replay whose Lean dies is tried once
 * more on a fresh checker, so a candidate that kills its Lean costs only its own verdict. The
 * verdict is read by {@link ReplayClassifier}, which claims nothing without Lean's own evidence.
 * A change of the document (told by the editing Lean) cancels its pending requests: their futures
 * complete with a {@link CancellationException}. Results come in the request's order; ranking
 * them is the caller's (lsp-server's engine has one rule for partial and final lists alike).
 */
public final class Verifier implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Verifier.class.getName());

    /**
     * How long to keep looking for a replay's own answer after the barrier: Lean sends
     * {@code all_messages} at most every 100 ms, and the last one may come after the barrier.
     */
    private static final Duration LATE_MESSAGES_WAIT = Duration.ofMillis(500);
    private static final long POLL_MILLIS = 10;

    /** What a candidate must pass before it is written anywhere. */
    @FunctionalInterface
    interface Screen {
        SafetyVerdict check(String candidate);
    }

    private final LeanServer editing;
    private final CheckerPool checkers;
    private final ShadowFiles shadowFiles;
    private final Screen screen;
    /** Whether Lean is asked which of a candidate's names are meta code, before it is replayed. */
    private final boolean askLeanAboutMetaNames;
    private final MetaNames metaNames = new MetaNames();
    private final Duration replayTimeout;
    private final ExecutorService replayThreads;
    private final Set<Job> jobs = ConcurrentHashMap.newKeySet();
    private final LeanServerListener documentWatcher;
    /** Lean's answers on which interactive tactics an import header's environment has, per header and list. */
    private final Map<String, CompletableFuture<Set<String>>> tacticsByHeader = new ConcurrentHashMap<>();

    /** A verifier for live use: shadow names beside the source. */
    public Verifier(LeanServer editing, CheckerPool checkers) {
        this(editing, checkers, ShadowFiles.perSlot());
    }

    /**
     * @param editing      the Lean that checks the user's buffers: its document versions cancel
     *                     stale requests; it never sees a candidate
     * @param checkers     where candidates are replayed
     * @param shadowFiles  the names replays are synced under, per checker slot
     */
    public Verifier(LeanServer editing, CheckerPool checkers, ShadowFiles shadowFiles) {
        this(editing, checkers, shadowFiles, SafetyFilter::check, true);
    }

    /**
     * The same with another screen, and without asking Lean about meta names: only tests that
     * replay attacks on purpose, to try the verdicts and the sandbox alone, make one.
     */
    Verifier(LeanServer editing, CheckerPool checkers, ShadowFiles shadowFiles, Screen screen) {
        this(editing, checkers, shadowFiles, screen, false);
    }

    private Verifier(LeanServer editing, CheckerPool checkers, ShadowFiles shadowFiles, Screen screen,
                     boolean askLeanAboutMetaNames) {
        this.editing = editing;
        this.checkers = checkers;
        this.shadowFiles = shadowFiles;
        this.screen = screen;
        this.askLeanAboutMetaNames = askLeanAboutMetaNames;
        this.replayTimeout = editing.settings().replayTimeout();
        AtomicInteger threadNumber = new AtomicInteger();
        this.replayThreads = Executors.newFixedThreadPool(checkers.size(), runnable -> {
            Thread thread = new Thread(runnable, "lean-replay-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
        editing.addListener(documentWatcher);
    }

    /** How the checkers are confined, for status displays. */
    public CheckerPool.Confinement confinement() {
        return checkers.confinement();
    }

    /**
     * Replays every candidate at the request's position.
     *
     * @return the results in the request's order; fails with {@link IllegalArgumentException} when the position
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
    public CompletableFuture<List<ReplayResult>> verify(VerifyRequest asked, Consumer<ReplayResult> onResult) {
        // Every file the checkers get for this source starts as its warm-up did (SnapshotAnchor).
        SnapshotAnchor.Anchored anchored = SnapshotAnchor.anchor(asked.content());
        Optional<LeanPosition> at = anchored.position(asked.position());
        VerifyRequest request = new VerifyRequest(asked.file(), asked.documentVersion(), anchored.content(),
                at.orElse(asked.position()), asked.candidates());
        Optional<TacticBlock> block = at.flatMap(position -> TacticBlocks.enclosing(request.content(), position));
        if (block.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "position " + asked.position() + " is not inside a begin … end block that is closed"));
        }
        Optional<String> problem = TacticBlocks.replayPositionProblem(request.content(), block.get(), request.position());
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        Job job = new Job(request);
        Optional<Integer> currentVersion = editing.documentVersion(request.file());
        if (currentVersion.isPresent() && currentVersion.get() != request.documentVersion()) {
            job.cancel("the request is for version " + request.documentVersion() + " but the document is at "
                    + currentVersion.get());
            return job.result;
        }
        jobs.add(job);
        List<CompletableFuture<ReplayResult>> replays = new ArrayList<>();
        for (int index = 0; index < request.candidates().size(); index++) {
            String candidate = request.candidates().get(index);
            SafetyVerdict safety = screen.check(candidate);
            CompletableFuture<ReplayResult> replay;
            if (!safety.accepted()) {
                replay = CompletableFuture.completedFuture(new ReplayResult(index, candidate, Verdict.REJECTED,
                        Optional.empty(), safety.rejection(), List.of(), Duration.ZERO));
            } else {
                int candidateIndex = index;
                replay = CompletableFuture.supplyAsync(() -> replayInSlot(job, block.get(), candidateIndex, candidate,
                        safety), replayThreads);
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
            // In the order the candidates were given: ranking them is the caller's one rule.
            results.sort(Comparator.comparingInt(ReplayResult::index));
            job.result.complete(Collections.unmodifiableList(results));
        });
        return job.result;
    }

    /**
     * Which of {@code names} are interactive tactics ({@code tactic.interactive.NAME}) in the
     * environment of {@code content}'s imports, as Lean says on a checker: asked once per import
     * header and list, and kept. Only names of the caller's fixed list are asked (each a plain
     * lower-case identifier; anything else fails with {@link IllegalArgumentException}); an answer
     * that cannot be read counts as none available and is asked again next time.
     */
    public CompletableFuture<Set<String>> availableTactics(Path file, String content, Collection<String> names) {
        List<String> asked = List.copyOf(new LinkedHashSet<>(names));
        String start = SnapshotAnchor.start(ImportHeader.scan(content).header());
        TacticAvailability.Question question = TacticAvailability.question(start, asked);
        String key = VariantBuilder.digest(question.content());
        CompletableFuture<Set<String>> answer = tacticsByHeader.computeIfAbsent(key, ignored ->
                CompletableFuture.supplyAsync(() -> askTactics(file, question, asked), replayThreads));
        answer.whenComplete((available, failure) -> {
            if (failure != null || available.isEmpty()) {
                tacticsByHeader.remove(key, answer);
            }
        });
        return answer;
    }

    private Set<String> askTactics(Path file, TacticAvailability.Question question, List<String> asked) {
        long deadline = System.nanoTime() + replayTimeout.toNanos();
        CheckerPool.Checker checker;
        try {
            checker = checkers.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (IOException cannotStart) {
            LOG.info(() -> "no checker to ask which tactics there are: " + cannotStart.getMessage());
            return Set.of();
        }
        try {
            String shadow = shadowFiles.shadowFor(file, checker.slot());
            await(checker.sync(shadow, ScreenedContent.tacticQuestion(question)), deadline);
            await(checker.awaitChecked(), deadline);
            long lateDeadline = Math.min(deadline, System.nanoTime() + LATE_MESSAGES_WAIT.toNanos());
            Optional<Set<String>> available = Optional.empty();
            while (available.isEmpty() && System.nanoTime() < lateDeadline) {
                available = question.answer(shadow, checker.allMessages(), asked);
                if (available.isEmpty()) {
                    sleepBriefly();
                }
            }
            return available.map(Set::copyOf).orElse(Set.of());
        } catch (TimeoutException tooSlow) {
            checker.discard("the question which tactics there are exceeded " + replayTimeout.toMillis() + " ms");
            return Set.of();
        } catch (LeanProcessException died) {
            checker.discard("its Lean died while asked which tactics there are: " + died.getMessage());
            return Set.of();
        } finally {
            checker.close();
        }
    }

    /**
     * Starts a {@link TacticSession} at {@code position} of {@code content}: a Lean, confined as the
     * checkers are, that holds the tactic states from there as values and runs one tactic at a time
     * on any of them, each screened by this verifier's safety filter. Its answers are leads for a
     * search; a verdict is still only {@link #verify}'s. The call waits until the session is at the
     * site (the imports and the file before it elaborated), at most twice the replay timeout.
     *
     * @param perStep the wall-clock limit of one step
     * @throws IOException              when this verifier's checkers start no sessions, or the session
     *                                  cannot start or reach the site
     * @throws IllegalArgumentException when the position does not start a top-level tactic of a closed
     *                                  {@code begin … end} block, or the file cannot have a session
     */
    public TacticSession openSession(String content, LeanPosition position, Duration perStep) throws IOException {
        Optional<CheckerPool.SessionLauncher> launcher = checkers.sessions();
        if (launcher.isEmpty()) {
            throw new IOException("these checkers start no tactic sessions: " + checkers.confinement().description());
        }
        TacticSession.Limits limits = new TacticSession.Limits(perStep, editing.settings().deterministicTimeout(),
                replayTimeout.multipliedBy(2));
        return TacticSession.open(launcher.get(), content, position, limits, screen);
    }

    @Override
    public void close() {
        editing.removeListener(documentWatcher);
        for (Job job : jobs) {
            job.cancel("the verifier was closed");
        }
        replayThreads.shutdownNow();
    }

    private ReplayResult replayInSlot(Job job, TacticBlock block, int index, String candidate, SafetyVerdict screened) {
        for (int attempt = 1; ; attempt++) {
            job.throwIfCancelled();
            CheckerPool.Checker checker;
            try {
                checker = checkers.acquire();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (IOException cannotStart) {
                return judged(index, candidate, Verdict.INVALID, "no checker Lean could be started: "
                        + cannotStart.getMessage(), Duration.ZERO);
            }
            try {
                return replay(job, block, index, candidate, screened, checker);
            } catch (LeanProcessException died) {
                // Lean died under this replay: the candidate may have killed it, or the machine
                // ran short. Its checker is replaced; one more try tells the two apart.
                checker.discard("its Lean died while checking '" + candidate + "': " + died.getMessage());
                if (attempt >= 2) {
                    return judged(index, candidate, Verdict.INVALID, "Lean died while checking this candidate, twice: "
                            + died.getMessage(), Duration.ZERO);
                }
                LOG.info(() -> "retrying '" + candidate + "' on a fresh checker after: " + died.getMessage());
            } finally {
                checker.close();
            }
        }
    }

    private ReplayResult replay(Job job, TacticBlock block, int index, String candidate, SafetyVerdict screened,
                                CheckerPool.Checker checker) {
        job.throwIfCancelled();
        long started = System.nanoTime();
        long deadline = started + replayTimeout.toNanos();
        VerifyRequest request = job.request;
        Variant variant = VariantBuilder.build(request.content(), request.position(), block, candidate);
        // Built from a candidate the screen accepted; a refused one never gets here.
        ScreenedContent replayed = ScreenedContent.replay(variant, screened);
        String shadow = shadowFiles.shadowFor(request.file(), checker.slot());
        ReplayClassifier.Classification classification;
        Optional<GoalState> goalsAfter = Optional.empty();
        try {
            if (askLeanAboutMetaNames) {
                Optional<String> refusal = metaRefusal(checker, shadow, textBefore(request.content(), block), candidate,
                        deadline, job);
                if (refusal.isPresent()) {
                    return judged(index, candidate, Verdict.REJECTED, refusal.get(), elapsedSince(started));
                }
            }
            List<LeanMessage> messages = check(checker, shadow, replayed,
                    held -> ReplayClassifier.hasFreshAnswer(variant, shadow, held), deadline, job);
            classification = ReplayClassifier.classify(variant, shadow, messages, job.baseline());
            if (classification.needsBaseline()) {
                if (!job.baseline().known()) {
                    job.learnBaseline(baseline(checker, shadow, request.content(), block, variant, deadline, job));
                }
                classification = ReplayClassifier.classify(variant, shadow, messages, job.baseline());
            }
            if (classification.verdict() == Verdict.PROGRESS) {
                Optional<String> after = stateAfter(checker, shadow, variant, classification, deadline);
                Optional<String> before = stateAt(checker, shadow, variant.candidateStart(), deadline);
                if (after.isPresent() && after.equals(before)) {
                    // Lean accepted it and left every goal as it was (a skip, a try of a failing
                    // tactic, a no-op term): that is no progress, whatever the error says.
                    return judged(index, candidate, Verdict.INVALID, "the candidate leaves the goals as they were",
                            elapsedSince(started));
                }
                goalsAfter = parsed(after);
            }
        } catch (TimeoutException tooSlow) {
            // Lean 3 does not stop a runaway elaboration when its file is synced again, and every
            // later barrier would wait for it; the checker is killed and a fresh one takes its slot.
            checker.discard("the replay of '" + candidate + "' exceeded " + replayTimeout.toMillis() + " ms");
            return judged(index, candidate, Verdict.TIMEOUT, "no verdict from Lean within " + replayTimeout.toMillis()
                    + " ms", elapsedSince(started));
        }
        ReplayClassifier.Classification decided = classification;
        LOG.fine(() -> "replayed '" + candidate + "' on checker " + checker.slot() + ": " + decided.verdict());
        Optional<String> explanation = decided.verdict() == Verdict.CLOSES_GOAL || decided.verdict() == Verdict.PROGRESS
                ? Optional.empty() : decided.explanation();
        return new ReplayResult(index, candidate, decided.verdict(), goalsAfter, explanation, decided.relevant(),
                elapsedSince(started));
    }

    /**
     * Why the candidate may not be replayed because Lean says one of its names is meta code here,
     * if it may not: asked on the checker (once per name and text before the declaration), answered
     * from what was asked before otherwise. An unanswered question refuses the candidate.
     */
    private Optional<String> metaRefusal(CheckerPool.Checker checker, String fileName, String prefix, String candidate,
                                         long deadline, Job job) throws TimeoutException {
        Set<String> names = MetaNames.namesIn(candidate);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Optional<Set<String>> meta = metaNames.known(prefix, names);
        if (meta.isEmpty()) {
            MetaNames.Question question = MetaNames.question(prefix, names);
            await(checker.sync(fileName, ScreenedContent.metaQuestion(question)), deadline);
            job.throwIfCancelled();
            await(checker.awaitBarrier(), deadline);
            long lateDeadline = Math.min(deadline, System.nanoTime() + LATE_MESSAGES_WAIT.toNanos());
            while (meta.isEmpty() && System.nanoTime() < lateDeadline) {
                meta = question.answer(fileName, checker.allMessages(), names);
                if (meta.isEmpty()) {
                    sleepBriefly();
                }
            }
            if (meta.isEmpty()) {
                return Optional.of("Lean could not be asked whether the names in this candidate are meta code, so it"
                        + " was not replayed");
            }
            metaNames.remember(prefix, names, meta.get());
        }
        return meta.get().isEmpty() ? Optional.empty() : Optional.of("Lean says '" + String.join("', '", meta.get())
                + "' " + (meta.get().size() == 1 ? "is" : "are") + " meta code here (a definition that runs at"
                + " elaboration time), which a proof step may not name");
    }

    /** The document's lines before the declaration's, each with its newline. */
    private static String textBefore(String source, TacticBlock block) {
        StringBuilder prefix = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int index = 0; index < block.declarationLine() - 1; index++) {
            prefix.append(lines[index]).append('\n');
        }
        return prefix.toString();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /**
     * Syncs {@code content} on the checker, waits until Lean has checked it, and returns every
     * message the checker then holds, once they hold this check's own answer ({@code answered})
     * or the late-message wait is over. A list left by the check before cannot end the wait: the
     * answer is recognised by what only this check can print.
     */
    private List<LeanMessage> check(CheckerPool.Checker checker, String fileName, ScreenedContent content,
                                    Predicate<List<LeanMessage>> answered, long deadline, Job job)
            throws TimeoutException {
        await(checker.sync(fileName, content), deadline);
        job.throwIfCancelled();
        await(checker.awaitChecked(), deadline);
        job.throwIfCancelled();
        long lateDeadline = Math.min(deadline, System.nanoTime() + LATE_MESSAGES_WAIT.toNanos());
        while (true) {
            List<LeanMessage> messages = checker.allMessages();
            if (answered.test(messages) || System.nanoTime() >= lateDeadline) {
                return messages;
            }
            sleepBriefly();
        }
    }

    /**
     * What the text before the declaration gives by itself: that text, then {@code #print axioms}
     * with no name, which lists every axiom of the environment, on the same checker and under the
     * same name (so Lean reuses what it elaborated). Asked at most once per request, and only when
     * a replay's verdict hangs on it: an error before the declaration, or an axiom beyond Lean's
     * three, which an honest file has only when it declares one. The text is the user's own, with
     * nothing of the candidate in it. The answer counts only once the replay's own answers are
     * gone from the list, so a stale list is never read as it; an unreadable one excuses nothing.
     */
    private ReplayClassifier.Baseline baseline(CheckerPool.Checker checker, String fileName, String source,
                                               TacticBlock block, Variant replayed, long deadline, Job job)
            throws TimeoutException {
        int answerLine = block.declarationLine();
        ScreenedContent probe = ScreenedContent.baseline(textBefore(source, block));
        Predicate<List<LeanMessage>> stale = held -> held.stream()
                .anyMatch(message -> message.text().contains(replayed.checkName()));
        Function<List<LeanMessage>, List<LeanMessage>> answersIn = held -> held.stream()
                .filter(message -> message.fileName().equals(fileName) && message.line() == answerLine
                        && message.column() == 0 && message.severity() == LeanMessage.Severity.INFORMATION)
                .toList();
        List<LeanMessage> messages = check(checker, fileName, probe,
                held -> !stale.test(held) && !answersIn.apply(held).isEmpty(), deadline, job);
        List<LeanMessage> answers = answersIn.apply(messages);
        if (answers.size() != 1 || stale.test(messages)) {
            return new ReplayClassifier.Baseline(true, ReplayClassifier.STANDARD_AXIOMS, Set.of());
        }
        Set<String> axioms = ReplayClassifier.parseEnvironmentAxioms(answers.get(0).text()).orElse(Set.of());
        Set<String> errors = messages.stream().filter(message -> message.severity() == LeanMessage.Severity.ERROR)
                .map(ReplayClassifier::key).collect(java.util.stream.Collectors.toSet());
        return new ReplayClassifier.Baseline(true, axioms, errors);
    }

    /**
     * The goals after the candidate: Lean's state just after its comma, or, when Lean has no
     * record there, the state printed in the unsolved-goals error (the two agree in every
     * recorded replay).
     */
    private static Optional<String> stateAfter(CheckerPool.Checker checker, String shadow, Variant variant,
                                        ReplayClassifier.Classification classification, long deadline) {
        Optional<String> state = stateAt(checker, shadow, variant.afterCandidate(), deadline);
        return state.isPresent() ? state : classification.decisiveMessage().flatMap(ReplayClassifier::unsolvedState);
    }

    /** Lean's goal state at a position of a checked variant, if it has one there and answers in time. */
    private static Optional<String> stateAt(CheckerPool.Checker checker, String shadow, LeanPosition position,
                                            long deadline) {
        try {
            return await(checker.info(shadow, position), deadline).state();
        } catch (TimeoutException tooSlow) {
            return Optional.empty();
        }
    }

    private static Optional<GoalState> parsed(Optional<String> state) {
        try {
            return state.map(GoalParser::parse);
        } catch (IllegalArgumentException unknownShape) {
            return Optional.empty();
        }
    }

    private static ReplayResult judged(int index, String candidate, Verdict verdict, String explanation, Duration elapsed) {
        return new ReplayResult(index, candidate, verdict, Optional.empty(), Optional.of(explanation), List.of(), elapsed);
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
        /** What the text before the declaration gives by itself, once asked; shared by the request's replays. */
        private volatile ReplayClassifier.Baseline baseline = ReplayClassifier.Baseline.UNKNOWN;

        Job(VerifyRequest request) {
            this.request = request;
        }

        ReplayClassifier.Baseline baseline() {
            return baseline;
        }

        void learnBaseline(ReplayClassifier.Baseline learned) {
            baseline = learned;
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
