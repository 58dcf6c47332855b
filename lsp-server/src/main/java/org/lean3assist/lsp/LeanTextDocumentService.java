package org.lean3assist.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.LeanServerListener;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.engine.suggest.Suggestion;
import org.lean3assist.engine.suggest.SuggestionEngine;
import org.lean3assist.engine.suggest.TacticSite;
import org.lean3assist.engine.LeanProject;
import org.lean3assist.engine.LeanProjects;

/**
 * Document synchronisation and the per-document requests. Each handler converts LSP types in, calls
 * the bridge and the suggestion engine, and converts the answer out; nothing blocks the reader
 * thread, and a request about a document that is not open gets an empty answer, not an error.
 */
final class LeanTextDocumentService implements TextDocumentService, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeanTextDocumentService.class.getName());
    /** How long a hover waits for Lean's goal before it answers without one. */
    private static final long GOAL_WAIT_SECONDS = 20;

    private final TextDocuments documents;
    private final ServerSession session;
    private final Debouncer debouncer;
    private final SuggestionCache suggestions = new SuggestionCache();
    private final AtomicBoolean leanMissingReported = new AtomicBoolean();
    private final Object restartLock = new Object();

    LeanTextDocumentService(TextDocuments documents, ServerSession session) {
        this.documents = documents;
        this.session = session;
        this.debouncer = new Debouncer(() -> session.settings().get(Settings.LEAN_CHECK_DELAY_MS));
        session.projects().addListener(new LeanServerListener() {
            @Override
            public void onMessages(Path file, List<LeanMessage> messages) {
                documents.uriOf(file).ifPresent(uri -> publish(uri, messages));
            }

            @Override
            public void onCrash(String reason, boolean willRestart) {
                suggestions.clear();
                session.status(willRestart ? "restarting" : "crashed", reason);
                session.log(MessageType.Warning, "Lean stopped: " + reason + (willRestart ? "; restarting it" : ""));
            }

            @Override
            public void onRestarted(int generation) {
                session.status("ready", null);
            }
        });
    }

    // ---- synchronisation ---------------------------------------------------------------------

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        documents.open(item.getUri(), item.getVersion(), item.getText());
        // Off the reader thread: the first file of a project starts its Lean process.
        session.executor().execute(() -> sendToLean(item.getUri()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        var changed = documents.change(uri, params.getTextDocument().getVersion(), params.getContentChanges());
        if (changed.isEmpty()) {
            LOG.warning(() -> "ignoring a change to " + uri + ", which was never opened");
            return;
        }
        suggestions.invalidate(uri, changed.get().version());
        debouncer.submit(uri, () -> sendToLean(uri));
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        debouncer.cancel(uri);
        var closed = documents.close(uri);
        suggestions.invalidate(uri, Integer.MIN_VALUE);
        closed.flatMap(TextDocuments.Snapshot::path)
                .ifPresent(path -> runningProject(path).ifPresent(project -> project.server().closeDocument(path)));
        session.client().publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The server works from the editor's buffer; saving changes nothing it knows.
    }

    /** Completes when Lean has checked the document's current version (tests await this). */
    CompletableFuture<List<LeanMessage>> checked(String uri) {
        var snapshot = documents.get(uri);
        var path = snapshot.flatMap(TextDocuments.Snapshot::path);
        if (path.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return project(path.get()).map(project -> syncIfStale(project, uri).thenCompose(ignored ->
                project.server().waitUntilChecked(path.get()))).orElse(CompletableFuture.completedFuture(List.of()));
    }

    private void sendToLean(String uri) {
        var snapshot = documents.get(uri);
        var path = snapshot.flatMap(TextDocuments.Snapshot::path);
        if (path.isEmpty()) {
            return;
        }
        Optional<LeanProject> project = project(path.get());
        if (project.isEmpty()) {
            return;
        }
        var progress = session.progress().begin("Checking " + path.get().getFileName());
        session.status(project.get(), "checking", null);
        syncIfStale(project.get(), uri)
                .thenCompose(ignored -> project.get().server().waitUntilChecked(path.get()))
                .whenComplete((messages, error) -> {
                    progress.close();
                    if (error != null) {
                        LOG.log(Level.FINE, "checking " + uri + " did not finish", error);
                        return;
                    }
                    session.status(project.get(), "ready", null);
                    publish(uri, messages);
                });
    }

    /** Sends the editor's current text to Lean unless Lean already has that version. */
    private CompletableFuture<Void> syncIfStale(LeanProject project, String uri) {
        var snapshot = documents.get(uri).orElseThrow();
        Path path = snapshot.path().orElseThrow();
        Optional<Integer> leanVersion = project.server().documentVersion(path);
        if (leanVersion.isPresent() && leanVersion.get() == snapshot.version()) {
            return CompletableFuture.completedFuture(null);
        }
        debouncer.cancel(uri);
        return leanVersion.isEmpty()
                ? project.server().openDocument(path, snapshot.version(), snapshot.text())
                : project.server().changeDocument(path, snapshot.version(), snapshot.text());
    }

    private void publish(String uri, List<LeanMessage> messages) {
        documents.get(uri).ifPresent(snapshot -> {
            var text = snapshot.converter();
            var diagnostics = messages.stream().map(message -> Conversions.diagnostic(text, message)).toList();
            var params = new PublishDiagnosticsParams(uri, diagnostics);
            params.setVersion(snapshot.version());
            session.client().publishDiagnostics(params);
        });
    }

    // ---- hover and code actions ----------------------------------------------------------------

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        String uri = params.getTextDocument().getUri();
        Position position = params.getPosition();
        // No worker-thread hop on the hot path: the goal query is asynchronous end to end, and the
        // Markdown is built on the thread that receives Lean's answer.
        return placeAsync(uri, position).thenCompose(place -> place.isEmpty()
                ? termModeHover(uri, position)
                : goalAtAsync(place.get()).thenApply(goal -> goal.map(found -> hoverFor(place.get(), found)).orElse(null)));
    }

    /** The hover at a tactic of a term-mode {@code by}: the goal, without suggestions (a replay needs a block). */
    private CompletableFuture<Hover> termModeHover(String uri, Position position) {
        return termModeGoal(uri, position).thenApply(goal -> goal
                .map(found -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, Conversions.goalMarkdown(found.rawState()))))
                .orElse(null));
    }

    /**
     * The goal at the tactic under the cursor in a term-mode {@code by}; empty where Lean has
     * none, and outside every {@code by} without asking Lean at all.
     */
    CompletableFuture<Optional<GoalAtPosition>> termModeGoal(String uri, Position position) {
        var snapshot = documents.get(uri);
        var path = snapshot.flatMap(TextDocuments.Snapshot::path);
        var project = path.flatMap(this::runningProject);
        if (project.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        var document = snapshot.get();
        var tactic = document.cursor(position)
                .flatMap(cursor -> TacticSite.termModeTactic(document.tokens(), document.converter(), cursor));
        if (tactic.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return goalAtAsync(project.get(), uri, path.get(), tactic.get());
    }

    private Hover hoverFor(Place place, GoalAtPosition goal) {
        StringBuilder markdown = new StringBuilder(Conversions.goalMarkdown(goal.rawState()));
        if (session.settings().get(Settings.SUGGESTIONS_ON_HOVER) && goal.goals().map(g -> !g.isSolved()).orElse(false)) {
            var work = startSuggestions(place, goal);
            var result = work.result();
            int count = session.settings().get(Settings.SUGGESTIONS_COUNT);
            markdown.append("\n\n---\n\n");
            if (result.isDone() && !result.isCompletedExceptionally()) {
                markdown.append(Conversions.suggestionsMarkdown(result.join(), count));
            } else if (result.isCompletedExceptionally()) {
                markdown.append("**Suggestions:** not available (").append(failureOf(result)).append(").");
            } else {
                markdown.append(Conversions.partialSuggestionsMarkdown(work.current(), count));
            }
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown.toString()));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        String uri = params.getTextDocument().getUri();
        Position position = params.getRange().getStart();
        return CompletableFutures.computeAsync(session.executor(), cancel -> {
            Optional<Place> place = place(uri, position);
            if (place.isEmpty()) {
                return List.of();
            }
            var work = suggestions.get(uri, place.get().version(), place.get().site().start());
            if (work.isEmpty()) {
                // The cursor rests here: start the work, so the actions are there at the next request.
                goalAt(place.get()).ifPresent(goal -> startSuggestions(place.get(), goal));
                return List.of();
            }
            // Done or not: what Lean has verified so far is offered; the rest comes with later requests.
            return insertActions(place.get(), work.get().current());
        });
    }

    private List<Either<Command, CodeAction>> insertActions(Place place, List<Suggestion> ranked) {
        var text = place.document().converter();
        LeanPosition site = place.site().start();
        String lineText = text.lineText(site.line() - 1);
        String indentation = lineText.substring(0, lineText.length() - lineText.stripLeading().length());
        Position at = Conversions.toLsp(text, site);
        List<Either<Command, CodeAction>> actions = new ArrayList<>();
        for (Suggestion suggestion : ranked) {
            if (!suggestion.verified() || actions.size() >= session.settings().get(Settings.SUGGESTIONS_COUNT)) {
                continue;
            }
            var edit = new TextEdit(new Range(at, at), suggestion.tactic() + ",\n" + indentation);
            var action = new CodeAction("Insert `" + suggestion.tactic() + "` (" + suggestion.describe() + ")");
            action.setKind(CodeActionKind.RefactorRewrite);
            action.setEdit(new WorkspaceEdit(Map.of(place.uri(), List.of(edit))));
            action.setIsPreferred(actions.isEmpty() && suggestion.verdict() == org.lean3assist.bridge.verify.Verdict.CLOSES_GOAL);
            actions.add(Either.forRight(action));
        }
        return actions;
    }

    // ---- shared by hover, code actions and commands -------------------------------------------

    /** A document position resolved against the open text and its Lean project. */
    record Place(TextDocuments.Snapshot document, Path path, LeanProject project, TacticSite site) {
        String uri() {
            return document.uri();
        }

        int version() {
            return document.version();
        }

        String text() {
            return document.text();
        }
    }

    /** The tactic site under an LSP position of an open document; empty outside proofs or without Lean. */
    Optional<Place> place(String uri, Position position) {
        var snapshot = documents.get(uri);
        var path = snapshot.flatMap(TextDocuments.Snapshot::path);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        var project = project(path.get());
        if (project.isEmpty()) {
            return Optional.empty();
        }
        var document = snapshot.get();
        return document.cursor(position)
                .flatMap(cursor -> TacticSite.at(document.text(), document.tokens(), document.converter(), cursor))
                .map(site -> new Place(document, path.get(), project.get(), site));
    }

    /** Lean's goal before the tactic at the place, waiting a bounded time. */
    Optional<GoalAtPosition> goalAt(Place place) {
        try {
            return goalAtAsync(place).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** The goal, empty when Lean has none there, fails or does not answer within the bound. */
    CompletableFuture<Optional<GoalAtPosition>> goalAtAsync(Place place) {
        return goalAtAsync(place.project(), place.uri(), place.path(), place.site().start());
    }

    private CompletableFuture<Optional<GoalAtPosition>> goalAtAsync(LeanProject project, String uri, Path path,
                                                                    LeanPosition at) {
        return syncIfStale(project, uri)
                .thenCompose(ignored -> project.server().goalAt(path, at))
                .orTimeout(GOAL_WAIT_SECONDS, TimeUnit.SECONDS)
                .exceptionally(error -> {
                    LOG.log(Level.INFO, "no goal at " + at + " of " + uri, error);
                    return Optional.empty();
                });
    }

    /**
     * The place, computed on the calling thread when the file's Lean already runs (cheap text
     * scanning), or on a worker when finding it may start a Lean process.
     */
    private CompletableFuture<Optional<Place>> placeAsync(String uri, Position position) {
        boolean running = documents.get(uri).flatMap(TextDocuments.Snapshot::path).flatMap(this::runningProject).isPresent();
        return running ? CompletableFuture.completedFuture(place(uri, position))
                : CompletableFuture.supplyAsync(() -> place(uri, position), session.executor());
    }

    /** The suggestions for a place: cached if they exist, else started in the background. */
    SuggestionCache.Work startSuggestions(Place place, GoalAtPosition goal) {
        return suggestions.computeIfAbsent(place.uri(), place.version(), place.site().start(), onJudged -> {
            var request = new SuggestionEngine.Request(place.path(), place.version(), place.text(), place.site().start(), goal);
            String uri = place.uri();
            int version = place.version();
            return session.engine().suggest(place.project().verifier(), request,
                    () -> documents.get(uri).map(now -> now.version() != version).orElse(true), onJudged);
        });
    }

    private Optional<LeanProject> project(Path file) {
        try {
            return Optional.of(session.projects().forFile(file));
        } catch (LeanNotFoundException e) {
            session.status("missing", e.getMessage());
            if (leanMissingReported.compareAndSet(false, true)) {
                session.client().showMessage(new MessageParams(MessageType.Error, e.getMessage()));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not start Lean for " + file, e);
            session.status("crashed", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<LeanProject> runningProject(Path file) {
        return session.projects().running().stream()
                .filter(project -> project.server().documentVersion(file).isPresent())
                .findFirst();
    }

    private static String failureOf(CompletableFuture<?> work) {
        try {
            work.join();
            return "";
        } catch (CancellationException e) {
            return "cancelled";
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage();
        }
    }

    /** Sends every open document to Lean again, for example after a restart. */
    void resendAll() {
        documents.uris().forEach(this::sendToLean);
    }

    /**
     * Stops every project's Leans and sends the open documents to fresh ones, which start with the
     * settings in force now. Suggestions are forgotten after the stop too, since one asked for
     * meanwhile was verified on a checker that is gone.
     */
    void restartProjects() {
        // One restart at a time: two quick setting changes must not interleave their stops and starts.
        synchronized (restartLock) {
            session.projects().restartAll();
            forgetSuggestions();
            resendAll();
        }
    }

    /** Forgets every cached suggestion; called when Lean restarts or settings change. */
    void forgetSuggestions() {
        suggestions.clear();
    }

    @Override
    public void close() {
        debouncer.close();
        suggestions.clear();
    }
}
