package org.lean3assist.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServerListener;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.sandbox.PythonRunner;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.sandbox.SandboxUnavailableException;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.StatementChecker;
import org.lean3assist.bridge.verify.TacticSession;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.verify.VerifyRequest;
import org.lean3assist.engine.Documents.Snapshot;
import org.lean3assist.engine.prove.ModelSteps;
import org.lean3assist.engine.prove.ProofSearch;
import org.lean3assist.engine.prove.SearchPortfolio;
import org.lean3assist.engine.prove.SessionSteps;
import org.lean3assist.engine.prove.StepSource;
import org.lean3assist.engine.prove.VerifierSteps;
import org.lean3assist.engine.solve.SolveChecker;
import org.lean3assist.engine.solve.SolveResult;
import org.lean3assist.engine.solve.Solving;
import org.lean3assist.engine.solve.VerifierSolveChecker;
import org.lean3assist.engine.suggest.MathModel;
import org.lean3assist.engine.suggest.Suggestion;
import org.lean3assist.engine.suggest.SuggestionEngine;
import org.lean3assist.engine.suggest.TacticSite;
import org.lean3assist.model.solve.Interpreter;
import org.lean3assist.model.solve.SolveMode;
import org.lean3assist.model.solve.Solver;
import org.lean3assist.model.solve.WrittenSolution;

/**
 * The core that the language server and the command line both call: the open documents, one
 * project per {@code leanpkg.toml} root (its editing Lean and its checkers), the model and the
 * candidate sources, and the features as plain functions of a document and a Lean position. It
 * speaks the core modules' types only; a front end converts its own in and out.
 *
 * <p>Nothing here blocks on a front end's thread unless the method says so: goal queries and
 * suggestions are futures, and what waits (a model load, a formalization) is documented as blocking.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    /** Candidates replayed per request at most; each replay re-checks the declaration. */
    public static final int MAX_CANDIDATES = 16;
    /** How long a goal query waits for Lean before it answers without a goal. */
    public static final Duration GOAL_WAIT = Duration.ofSeconds(20);
    /** Statements asked of the model per formalization unless the caller says otherwise. */
    public static final int FORMALIZE_CANDIDATES = 4;

    /** A document position resolved against its text and its Lean project: a tactic in a block. */
    public record Place(Snapshot document, Path path, LeanProject project, TacticSite site) {
        public String uri() {
            return document.uri();
        }

        public int version() {
            return document.version();
        }
    }

    /** What a formalization is checked after: a file's text before a position, beside that file. */
    public record FormalizeContext(Path anchor, String text) {}

    /** A formalization's statements, each with Lean's verdict, and how the checks were confined. */
    public record Formalization(List<Formalized> statements, CheckerPool.Confinement confinement,
                                Optional<String> notChecked) {}

    /** One statement and what Lean said of it. */
    public record Formalized(String statement, FormalizedStatus status, Optional<String> message) {}

    /** A statement's verdict. {@link #wire()} is its name in the protocol and the command line's JSON. */
    public enum FormalizedStatus {
        OK("ok"), ERROR("error"), UNCHECKED("unchecked");

        private final String wire;

        FormalizedStatus(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Asked for a model's answer when none is configured (or it failed to load). */
    public static final class NoModelException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NoModelException(String message) {
            super(message);
        }
    }

    private final EngineParts parts;
    private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("lean3-assist-engine"));
    private final Documents documents = new Documents();
    private final LeanProjects projects;
    private final SuggestionStore suggestions = new SuggestionStore();
    /** The one short search the hover may have running or done: the newest place's. */
    private final java.util.concurrent.atomic.AtomicReference<BackgroundProof> backgroundProof =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final ExecutorService searches = Executors.newSingleThreadExecutor(daemonThreads("lean3-assist-hover-search"));
    private final Object restartLock = new Object();
    private volatile Optional<MathModel> model = Optional.empty();
    private volatile ModelStatus modelStatus = ModelStatus.NONE;
    private volatile SuggestionEngine suggester;
    private Path scratch;

    public Engine(EngineParts parts, LeanBridgeSettings settings) {
        this.parts = parts;
        this.projects = new LeanProjects(parts.leanStarter(), settings);
        this.suggester = newSuggester(Optional.empty());
    }

    /** Threads that do not keep the JVM alive, named for thread dumps. */
    public static ThreadFactory daemonThreads(String prefix) {
        var counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The engine's worker threads, which front ends may use for work that blocks. */
    public ExecutorService executor() {
        return executor;
    }

    // ---- documents -----------------------------------------------------------------------------

    public Documents documents() {
        return documents;
    }

    public Snapshot open(String uri, int version, String text) {
        return documents.open(uri, version, text);
    }

    /** Applies edits; every suggestion of an older version is cancelled and forgotten. */
    public Optional<Snapshot> change(String uri, int version, List<Documents.Change> changes) {
        var changed = documents.change(uri, version, changes);
        changed.ifPresent(snapshot -> suggestions.invalidate(uri, snapshot.version()));
        return changed;
    }

    /** Forgets a document: its suggestions, and its text in the Lean that has it. */
    public Optional<Snapshot> close(String uri) {
        var closed = documents.close(uri);
        suggestions.invalidate(uri, Integer.MIN_VALUE);
        closed.flatMap(Snapshot::path).ifPresent(path -> runningProject(path)
                .ifPresent(project -> project.server().closeDocument(path)));
        return closed;
    }

    // ---- projects ------------------------------------------------------------------------------

    /** Listeners of every project's editing Lean, now and later (diagnostics, crashes, restarts). */
    public void addListener(LeanServerListener listener) {
        projects.addListener(listener);
    }

    /**
     * The project of {@code file}, starting its editing Lean on first use (this may block while the
     * process starts; front ends call it off their reader thread for a file whose project is new).
     */
    public LeanProject project(Path file) throws LeanNotFoundException {
        return projects.forFile(file);
    }

    /** The running project whose editing Lean has {@code file} open. */
    public Optional<LeanProject> runningProject(Path file) {
        return projects.running().stream()
                .filter(project -> project.server().documentVersion(file).isPresent())
                .findFirst();
    }

    /** Whether the project's editing Lean already has this version of the document. */
    public boolean leanHas(LeanProject project, Snapshot document) {
        Path path = document.path().orElseThrow();
        return project.server().documentVersion(path).map(version -> version == document.version()).orElse(false);
    }

    /**
     * Sends the document's text to the project's editing Lean unless it has this version already.
     * The first time a project sees a document, its checkers are warmed with the document's imports,
     * so that the first replay does not wait for them.
     */
    public CompletableFuture<Void> sync(LeanProject project, Snapshot document) {
        Path path = document.path().orElseThrow(() -> new IllegalArgumentException(document.uri() + " is not a file"));
        Optional<Integer> leanVersion = project.server().documentVersion(path);
        if (leanVersion.isPresent() && leanVersion.get() == document.version()) {
            return CompletableFuture.completedFuture(null);
        }
        if (leanVersion.isEmpty()) {
            project.warmCheckers(path, document.text());
            return project.server().openDocument(path, document.version(), document.text());
        }
        return project.server().changeDocument(path, document.version(), document.text());
    }

    /** Syncs the document and completes with Lean's messages once Lean has checked it. */
    public CompletableFuture<List<LeanMessage>> check(LeanProject project, Snapshot document) {
        Path path = document.path().orElseThrow();
        return sync(project, document).thenCompose(ignored -> project.server().waitUntilChecked(path));
    }

    // ---- goals ---------------------------------------------------------------------------------

    /** The tactic site under a cursor of a document, inside a {@code begin … end} block. */
    public Optional<Place> place(LeanProject project, Snapshot document, LeanPosition cursor) {
        Path path = document.path().orElseThrow();
        return TacticSite.at(document.text(), document.tokens(), document.converter(), cursor)
                .map(site -> new Place(document, path, project, site));
    }

    /** The tactic of a term-mode {@code by} under a cursor; empty elsewhere, without asking Lean. */
    public Optional<LeanPosition> termModeTactic(Snapshot document, LeanPosition cursor) {
        return TacticSite.termModeTactic(document.tokens(), document.converter(), cursor);
    }

    /** Lean's goal before the tactic of a place. */
    public CompletableFuture<Optional<GoalAtPosition>> goalAt(Place place) {
        return goalAt(place.project(), place.document(), place.site().start());
    }

    /**
     * Lean's goal at a position of a document, synced first if Lean has an older version; empty when
     * Lean has none there, fails or does not answer within {@link #GOAL_WAIT}.
     */
    public CompletableFuture<Optional<GoalAtPosition>> goalAt(LeanProject project, Snapshot document, LeanPosition at) {
        Path path = document.path().orElseThrow();
        return sync(project, document)
                .thenCompose(ignored -> project.server().goalAt(path, at))
                .orTimeout(GOAL_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    LOG.log(Level.INFO, "no goal at " + at + " of " + document.uri(), error);
                    return Optional.empty();
                });
    }

    // ---- suggestions ---------------------------------------------------------------------------

    /**
     * The judged suggestions for a place: the work already started there for this version, else new
     * work in the background. It is cancelled when the document changes or closes.
     */
    public SuggestionWork suggest(Place place, GoalAtPosition goal) {
        return suggestions.computeIfAbsent(place.uri(), place.version(), place.site().start(), onJudged -> {
            var request = new SuggestionEngine.Request(place.path(), place.version(), place.document().text(),
                    place.site().start(), goal);
            String uri = place.uri();
            int version = place.version();
            Cancellation stale = () -> documents.get(uri).map(now -> now.version() != version).orElse(true);
            return suggester.suggest(place.project().verifier(), request, stale, onJudged);
        });
    }

    /** The suggestions started at a place for this version, if any. */
    public Optional<SuggestionWork> suggestions(Place place) {
        return suggestions.get(place.uri(), place.version(), place.site().start());
    }

    /** Lean's verdicts on given tactics at a place, ranked like suggestions. */
    public CompletableFuture<List<Suggestion>> verify(Place place, List<String> tactics) {
        Map<String, Suggestion.Source> given = new LinkedHashMap<>();
        tactics.stream().map(SuggestionEngine::normalise).filter(tactic -> !tactic.isEmpty())
                .forEach(tactic -> given.putIfAbsent(tactic, Suggestion.Source.GIVEN));
        var request = new VerifyRequest(place.path(), place.version(), place.document().text(), place.site().start(),
                List.copyOf(given.keySet()));
        return SuggestionEngine.judge(place.project().verifier(), request, given, suggestion -> { });
    }

    // ---- proof search --------------------------------------------------------------------------

    /** The default budget of a search the user asks for: what {@code prove} and the server command use. */
    public static final ProofSearch.Budget PROVE_BUDGET = new ProofSearch.Budget(1000, Duration.ofSeconds(60), 32);

    /**
     * Searches for a whole proof from a place, whose goals are {@code goal}: best-first over
     * tactic states ({@link ProofSearch}), with the model's samples (when a model is loaded) and the
     * search portfolio, whose mathlib tactics are offered only where Lean says the file's
     * environment has them. Blocks for as long as the search runs; front ends call it off their
     * threads. An edit of the document cancels it, as {@code cancellation} does.
     */
    public ProofSearch.Outcome prove(Place place, GoalState goal, ProofSearch.Budget budget, Cancellation cancellation,
                                     Consumer<ProofSearch.Progress> onProgress) {
        return prove(place, goal, budget, place.project().checkers().size(), cancellation, onProgress);
    }

    /**
     * One search's news, told to every {@link #onSearch} listener: its progress while it runs,
     * then its outcome. A search is known by the place it started from (document version and site).
     */
    public record SearchEvent(String uri, int version, LeanPosition site, Optional<ProofSearch.Progress> progress,
                              Optional<ProofSearch.Outcome> outcome) {
        public boolean at(String atUri, int atVersion, LeanPosition atSite) {
            return uri.equals(atUri) && version == atVersion && site.equals(atSite);
        }
    }

    private record SiteKey(String uri, int version, LeanPosition site) {}

    private final List<Consumer<SearchEvent>> searchListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The stop flags of the searches running now, by the place each started from. */
    private final Map<SiteKey, List<java.util.concurrent.atomic.AtomicBoolean>> runningSearches =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Tells {@code listener} the progress and outcome of every search from now on, until the returned handle is closed. */
    public AutoCloseable onSearch(Consumer<SearchEvent> listener) {
        searchListeners.add(listener);
        return () -> searchListeners.remove(listener);
    }

    /** Stops every search running from a place (the hover's and the prove command's); whether there was one. */
    public boolean stopSearches(String uri, int version, LeanPosition site) {
        List<java.util.concurrent.atomic.AtomicBoolean> flags = runningSearches.get(new SiteKey(uri, version, site));
        if (flags == null || flags.isEmpty()) {
            return false;
        }
        flags.forEach(flag -> flag.set(true));
        return true;
    }

    /** Whether a search from a place runs now. */
    public boolean searching(String uri, int version, LeanPosition site) {
        var flags = runningSearches.get(new SiteKey(uri, version, site));
        return flags != null && !flags.isEmpty();
    }

    private void tell(SearchEvent event) {
        for (Consumer<SearchEvent> listener : searchListeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "a search listener failed", failed);
            }
        }
    }

    /** The same, exploring in at most {@code lanes} tactic sessions (each a Lean with the file's imports). */
    ProofSearch.Outcome prove(Place place, GoalState goal, ProofSearch.Budget budget, int lanes, Cancellation cancellation,
                              Consumer<ProofSearch.Progress> onProgress) {
        var key = new SiteKey(place.uri(), place.version(), place.site().start());
        var stopped = new java.util.concurrent.atomic.AtomicBoolean();
        runningSearches.computeIfAbsent(key, ignored -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(stopped);
        Consumer<ProofSearch.Progress> told = progress -> {
            onProgress.accept(progress);
            tell(new SearchEvent(key.uri(), key.version(), key.site(), Optional.of(progress), Optional.empty()));
        };
        ProofSearch.Outcome outcome;
        try {
            outcome = search(place, goal, budget, lanes, cancellation.or(stopped::get), told);
        } finally {
            runningSearches.computeIfPresent(key, (ignored, flags) -> {
                flags.remove(stopped);
                return flags.isEmpty() ? null : flags;
            });
        }
        tell(new SearchEvent(key.uri(), key.version(), key.site(), Optional.empty(), Optional.of(outcome)));
        return outcome;
    }

    private ProofSearch.Outcome search(Place place, GoalState goal, ProofSearch.Budget budget, int lanes, Cancellation cancellation,
                                       Consumer<ProofSearch.Progress> onProgress) {
        String uri = place.uri();
        int version = place.version();
        Cancellation stale = () -> documents.get(uri).map(now -> now.version() != version).orElse(true);
        Cancellation stop = cancellation.or(stale);
        Verifier verifier = place.project().verifier();
        String text = place.document().text();
        List<StepSource> sources = new ArrayList<>();
        model.ifPresent(loaded -> sources.add(new ModelSteps(loaded, budget.stepsPerNode() / 2)));
        sources.add(new SearchPortfolio(availableTactics(verifier, place.path(), text)));
        var replays = new VerifierSteps(verifier, place.path(), version, text, place.site().start());
        SessionSteps.Opener opener = () -> verifier.openSession(text, place.site().start(), SEARCH_STEP_LIMIT);
        long opening = System.nanoTime();
        List<TacticSession> sessions = openSessions(opener, Math.max(1, lanes));
        if (sessions.isEmpty()) {
            // Slower, and exact all the same: every step a replay of the proof so far.
            return new ProofSearch(replays, sources).search(goal, budget, stop, onProgress);
        }
        // The time to reach the site (the imports, the file before it) is the search's too.
        Duration left = budget.wallTime().minusNanos(System.nanoTime() - opening);
        ProofSearch.Budget rest = new ProofSearch.Budget(budget.maxExpansions(),
                left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left, budget.stepsPerNode());
        try (SessionSteps explorer = new SessionSteps(sessions, opener)) {
            return new ProofSearch(explorer, replays, sources).search(goal, rest, stop, onProgress);
        }
    }

    /** Up to {@code count} sessions at the site, opened at once; none when not even one opens. */
    private static List<TacticSession> openSessions(SessionSteps.Opener opener, int count) {
        List<CompletableFuture<TacticSession>> opening = new ArrayList<>();
        // Threads of their own: the common pool may have a single thread on a small machine.
        ExecutorService openers = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "search-session-open");
            thread.setDaemon(true);
            return thread;
        });
        for (int lane = 0; lane < count; lane++) {
            opening.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return opener.open();
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            }, openers));
        }
        openers.shutdown();
        List<TacticSession> sessions = new ArrayList<>();
        for (CompletableFuture<TacticSession> lane : opening) {
            try {
                sessions.add(lane.join());
            } catch (CompletionException | java.util.concurrent.CancellationException failed) {
                LOG.log(Level.INFO, "a tactic session for the search did not open: " + failed.getCause());
            }
        }
        return sessions;
    }

    /**
     * The wall-clock limit of one step of a search in a tactic session. Most finishing tactics
     * answer within a second on miniF2F's goals; a failing {@code library_search}, {@code tidy} or
     * {@code omega} would take ten and more, and a search is better off trying other steps.
     */
    static final Duration SEARCH_STEP_LIMIT = Duration.ofSeconds(3);

    /** The budget of the hover's short search: a few expansions, in the background. */
    public static final ProofSearch.Budget HOVER_BUDGET = new ProofSearch.Budget(24, Duration.ofSeconds(20), 16);

    /** A short search started for one place (document version and site). */
    private record BackgroundProof(String uri, int version, LeanPosition site, CompletableFuture<ProofSearch.Outcome> outcome,
                                   java.util.concurrent.atomic.AtomicBoolean cancelled) {
        boolean at(Place place) {
            return uri.equals(place.uri()) && version == place.version() && site.equals(place.site().start());
        }
    }

    /**
     * Starts the hover's short search ({@link #HOVER_BUDGET}) at a place, unless one for it is
     * already running or done; one search at a time: starting one cancels the search of any other
     * place. The outcome's proof, if any, was confirmed like every search's.
     */
    public CompletableFuture<ProofSearch.Outcome> searchInBackground(Place place, GoalState goal) {
        while (true) {
            BackgroundProof current = backgroundProof.get();
            if (current != null && current.at(place)) {
                return current.outcome();
            }
            var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            var outcome = new CompletableFuture<ProofSearch.Outcome>();
            var started = new BackgroundProof(place.uri(), place.version(), place.site().start(), outcome, cancelled);
            if (backgroundProof.compareAndSet(current, started)) {
                if (current != null) {
                    current.cancelled().set(true);
                }
                searches.execute(() -> {
                    try {
                        // One session: a hover should not hold a Lean per core for a search nobody asked for.
                        outcome.complete(prove(place, goal, HOVER_BUDGET, 1, cancelled::get, progress -> { }));
                    } catch (RuntimeException failed) {
                        outcome.completeExceptionally(failed);
                    }
                });
                return outcome;
            }
        }
    }

    /** The hover's short search at a place, if one was started for this version. */
    public Optional<CompletableFuture<ProofSearch.Outcome>> backgroundProof(Place place) {
        BackgroundProof current = backgroundProof.get();
        return current != null && current.at(place) ? Optional.of(current.outcome()) : Optional.empty();
    }

    /**
     * The search portfolio's steps for a place's goals, mathlib's included where the file's
     * environment has them: what the first expansion of {@link #prove} tries, for baselines.
     */
    public List<org.lean3assist.engine.prove.Step> portfolioSteps(Place place, GoalState goal) {
        return new SearchPortfolio(availableTactics(place.project().verifier(), place.path(), place.document().text()))
                .steps(goal, Cancellation.NEVER);
    }

    /**
     * Which of {@code tactics} close a place's goals by themselves, as Lean says: each is tried in a
     * tactic session at the place, and each that leaves no goals there is confirmed by a replay, as
     * the search confirms its proofs; without a session every tactic is a replay. For baselines
     * ({@code bench search}): the same checking as the search's, one step deep.
     */
    public List<String> closingAlone(Place place, List<String> tactics) throws Exception {
        Verifier verifier = place.project().verifier();
        String text = place.document().text();
        List<String> leads;
        try (TacticSession session = verifier.openSession(text, place.site().start(), SEARCH_STEP_LIMIT)) {
            leads = new ArrayList<>();
            for (String tactic : tactics) {
                if (session.alive() && session.step(0, tactic).outcome() == TacticSession.Outcome.NO_GOALS) {
                    leads.add(tactic);
                }
            }
        } catch (IOException | IllegalArgumentException noSession) {
            leads = tactics;
        }
        if (leads.isEmpty()) {
            return List.of();
        }
        return verify(place, leads).get(30, TimeUnit.MINUTES).stream()
                .filter(suggestion -> suggestion.verdict() == Verdict.CLOSES_GOAL).map(Suggestion::tactic).toList();
    }

    /** The mathlib tactics of {@link SearchPortfolio#MATHLIB_TACTICS} Lean says a file's environment has. */
    private static Set<String> availableTactics(Verifier verifier, Path file, String text) {
        try {
            return verifier.availableTactics(file, text, SearchPortfolio.MATHLIB_TACTICS)
                    .get(GOAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (ExecutionException | TimeoutException unanswered) {
            LOG.log(Level.INFO, "Lean did not say which mathlib tactics " + file + " has; offering core ones", unanswered);
            return Set.of();
        }
    }

    /** Cancels and forgets every suggestion, for example when settings change. */
    public void forgetSuggestions() {
        suggestions.clear();
    }

    // ---- the model -----------------------------------------------------------------------------

    /**
     * Loads the model a config names, in place of the one loaded now; blocks for as long as a load
     * takes (seconds to minutes for a multi-gigabyte model), so front ends call it off their threads.
     *
     * @throws RuntimeException the loader's own error; the engine then has no model ({@link ModelStatus#ERROR})
     */
    public ModelStatus loadModel(ModelConfig config) {
        if (!config.wanted()) {
            swapModel(Optional.empty(), ModelStatus.NONE);
            return ModelStatus.NONE;
        }
        modelStatus = ModelStatus.LOADING;
        try {
            Optional<MathModel> loaded = parts.modelLoader().apply(config);
            ModelStatus status = loaded.map(MathModel::status).orElse(ModelStatus.NONE);
            swapModel(loaded, status);
            return status;
        } catch (RuntimeException e) {
            swapModel(Optional.empty(), ModelStatus.ERROR);
            throw e;
        }
    }

    public ModelStatus modelStatus() {
        return modelStatus;
    }

    public Optional<MathModel> model() {
        return model;
    }

    private synchronized void swapModel(Optional<MathModel> next, ModelStatus status) {
        Optional<MathModel> previous = model;
        model = next;
        suggester = newSuggester(next);
        modelStatus = status;
        suggestions.clear();
        previous.filter(old -> next.map(now -> now != old).orElse(true)).ifPresent(MathModel::close);
    }

    private SuggestionEngine newSuggester(Optional<MathModel> loaded) {
        return new SuggestionEngine(parts.candidateSources().apply(loaded), MAX_CANDIDATES, executor);
    }

    private MathModel requireModel() {
        return model.orElseThrow(() -> new NoModelException(modelStatus == ModelStatus.ERROR
                ? "the configured model could not be loaded" : "no model is configured"));
    }

    // ---- formalization -------------------------------------------------------------------------

    /**
     * The context a formalization is checked after: the document up to the declaration containing
     * {@code position} (all of it without one), beside the document; without a document, a scratch
     * file of this engine's own, so formalizations without one share one project.
     */
    public FormalizeContext formalizeContext(Optional<Snapshot> document, Optional<LeanPosition> position) {
        if (document.isPresent() && document.get().path().isPresent()) {
            return new FormalizeContext(document.get().path().get(),
                    StatementChecker.contextBefore(document.get().text(), position));
        }
        return new FormalizeContext(scratchFile(), "");
    }

    /**
     * Lean 3 statements for a natural-language one, each checked by Lean with {@code sorry} as its
     * proof after the context, on a checker of the context's project (never its editing Lean).
     * Blocks while the model writes and Lean checks. Without a Lean the statements come back
     * unchecked, and {@link Formalization#notChecked()} says why.
     *
     * @throws NoModelException when no model is loaded
     */
    public Formalization formalize(String text, FormalizeContext context, int count, Cancellation cancellation) {
        List<String> written = requireModel().formalize(text, count, cancellation);
        LeanProject project;
        try {
            project = project(context.anchor());
        } catch (LeanNotFoundException e) {
            List<Formalized> unchecked = written.stream()
                    .map(statement -> new Formalized(statement, FormalizedStatus.UNCHECKED, Optional.empty())).toList();
            return new Formalization(unchecked, new CheckerPool.Confinement(false,
                    "nothing was checked: no Lean 3 was found"), Optional.of(e.getMessage()));
        }
        var checker = new StatementChecker(project.checkers());
        List<Formalized> checked = new ArrayList<>();
        for (String statement : written) {
            if (cancellation.isCancelled()) {
                break;
            }
            var result = checker.check(context.anchor(), context.text(), statement);
            checked.add(new Formalized(statement, result.ok() ? FormalizedStatus.OK : FormalizedStatus.ERROR,
                    result.message()));
        }
        return new Formalization(checked, project.confinement(), Optional.empty());
    }

    /**
     * An English reading of a Lean 3 statement; blocks while the model writes.
     *
     * @throws NoModelException when no model is loaded
     */
    public String informalize(String statement, Cancellation cancellation) {
        return requireModel().informalize(statement, cancellation);
    }

    // ---- word problems -------------------------------------------------------------------------

    /**
     * What a word problem's claims are checked after: trusted text (a file's, or an import line) beside a file, and
     * the version of that file's document (a verifier drops a request for a version the editor has left behind).
     */
    public record SolveContext(Path anchor, String text, Optional<Snapshot> document) {

        /** The document's version, or 1 beside a file the editor does not have. */
        public int version() {
            return document.map(Snapshot::version).orElse(1);
        }
    }

    /** Solutions sampled per question by default: the vote's size. */
    public static final int SOLVE_SAMPLES = 4;
    /** Programs a tool-integrated solution may have run by default. */
    public static final int SOLVE_ROUNDS = 4;

    /** The import a word problem's checks start from when no file is given: mathlib's tactics, ℚ among them. */
    public static final String SOLVE_IMPORTS = "import tactic\n";

    /**
     * The context a word problem is checked in: a document's text before the problem (the comment that holds it
     * excluded), beside the document; without one, mathlib's {@link #SOLVE_IMPORTS} beside a name in
     * {@code workingDirectory} (never written), so that the checks use that directory's Lean project.
     */
    public SolveContext solveContext(Optional<Snapshot> document, Optional<LeanPosition> problemStart,
                                     Path workingDirectory) {
        if (document.isPresent() && document.get().path().isPresent()) {
            String text = document.get().text();
            return new SolveContext(document.get().path().get(), problemStart
                    .map(start -> org.lean3assist.engine.solve.SolveContexts.before(text, start.line())).orElse(text),
                    document);
        }
        return new SolveContext(workingDirectory.toAbsolutePath().resolve("lean3-assist-solve.lean"), SOLVE_IMPORTS, Optional.empty());
    }

    /**
     * Solves a word problem with the loaded model in its profile's mode, running its programs only in the sandbox
     * and checking its claims and its Lean 3 on a checker of the context's project; then votes. With {@code rank}
     * and a model that has an outcome reward prompt (InternLM2-Math), the model judges each solution, and answers
     * are ranked by those judgements first; a judgement never makes an answer checked. Blocks while the
     * model writes, programs run and Lean checks. Without a Lean nothing is checked, and the result says so.
     *
     * @throws NoModelException when no model is loaded
     * @throws UnsupportedOperationException when the model's prompt profile has no solve prompt
     */
    public SolveResult solve(String question, SolveContext context, Solver.Options options, boolean rank,
                             Cancellation cancellation) {
        if (question.isBlank()) {
            throw new IllegalArgumentException("the question is empty");
        }
        MathModel solver = requireModel();
        SolveMode mode = solver.solveMode().orElseThrow(() ->
                new UnsupportedOperationException("the loaded model's prompt profile has no solve prompt"));
        PythonRunner runner = programRunner();
        List<WrittenSolution> written = solver.solve(question, options, interpreter(runner), cancellation);
        List<Optional<Boolean>> rewards = rank && solver.judges()
                ? written.stream().map(solution -> solver.judge(question, solution.text(), cancellation)).toList()
                : List.of();
        return Solving.check(question, mode, written, rewards, solveChecker(context), runner.describe(), cancellation);
    }

    /** The model's interpreter over a runner: a program's output, with a note where a limit cut it. */
    public static Interpreter interpreter(PythonRunner runner) {
        return program -> {
            PythonRunner.Run run = runner.run(program);
            return new Interpreter.Output(run.ran(), run.status() == PythonRunner.Status.OK,
                    run.status() == PythonRunner.Status.TIMED_OUT ? run.output() + "\n(killed at the time limit)"
                            : run.truncated() ? run.output() + "\n(output cut)" : run.output());
        };
    }

    private SolveChecker solveChecker(SolveContext context) {
        LeanProject project;
        try {
            project = project(context.anchor());
        } catch (LeanNotFoundException e) {
            return SolveChecker.none("no Lean 3 was found: " + e.getMessage());
        }
        // A verifier drops a request for a version the editing Lean does not have: where the editor has the file
        // open, that Lean gets this version first (it may still be on an older one, between keystrokes).
        Optional<Snapshot> open = context.document()
                .filter(document -> project.server().documentVersion(context.anchor()).isPresent() && !leanHas(project, document));
        if (open.isPresent()) {
            try {
                sync(project, open.get()).get(GOAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SolveChecker.none("interrupted");
            } catch (ExecutionException | TimeoutException e) {
                return SolveChecker.none("the editing Lean did not take the document's version " + open.get().version()
                        + ": " + e.getMessage());
            }
        }
        Set<String> tactics = availableTactics(project.verifier(), context.anchor(), context.text());
        return new VerifierSolveChecker(project.verifier(), context.anchor(), context.version(), context.text(), tactics,
                project.confinement().description());
    }

    /** Programs run in the sandbox the settings ask for, and only where it confines. */
    private PythonRunner programRunner() {
        Sandbox sandbox;
        try {
            sandbox = Sandbox.forMode(projects.settings().sandbox());
        } catch (SandboxUnavailableException e) {
            sandbox = Sandbox.none(e.getMessage());
        }
        return PythonRunner.onThisMachine(sandbox, PythonRunner.Limits.DEFAULT);
    }

    private synchronized Path scratchFile() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("lean3-assist-scratch").resolve("Scratch.lean");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a scratch directory for formalization", e);
            }
        }
        return scratch;
    }

    // ---- settings and lifetime -----------------------------------------------------------------

    public LeanProjects projects() {
        return projects;
    }

    /**
     * New bridge settings, for projects started from now on.
     *
     * @return whether running projects must restart for them to apply ({@link #restartProjects()})
     */
    public boolean updateSettings(LeanBridgeSettings next) {
        if (next.equals(projects.settings())) {
            return false;
        }
        projects.updateSettings(next);
        return !projects.running().isEmpty();
    }

    /**
     * Stops every project's Leans (they start again on demand, with the settings in force) and
     * forgets every suggestion, since one asked for meanwhile was verified on a checker that is gone.
     * Blocks while the processes stop; one restart at a time.
     */
    public void restartProjects() {
        synchronized (restartLock) {
            projects.restartAll();
            suggestions.clear();
        }
    }

    @Override
    public void close() {
        suggestions.clear();
        BackgroundProof search = backgroundProof.getAndSet(null);
        if (search != null) {
            search.cancelled().set(true);
        }
        searches.shutdownNow();
        projects.close();
        model.ifPresent(MathModel::close);
        executor.shutdownNow();
    }
}
