package org.lean3assist.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Documents.Snapshot;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.Engine.Place;
import org.lean3assist.engine.LeanProject;
import org.lean3assist.engine.LeanStatus;
import org.lean3assist.engine.SuggestionWork;
import org.lean3assist.engine.suggest.Suggestion;
import org.lean3assist.lsp.settings.Settings;

/**
 * Document synchronisation and the per-document requests: each handler converts LSP types in,
 * calls the {@link Engine}, and converts the answer out. Nothing blocks the reader thread, and a
 * request about a document that is not open gets an empty answer, not an error. What is LSP's own
 * stays here: the debounce of edits, progress reports, diagnostics and the Markdown of a hover.
 */
final class LeanTextDocumentService implements TextDocumentService, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeanTextDocumentService.class.getName());

    private final ServerSession session;
    private final Engine engine;
    private final Debouncer debouncer;
    private final AtomicBoolean leanMissingReported = new AtomicBoolean();
    private final org.lean3assist.engine.CursorFollower follower;

    LeanTextDocumentService(ServerSession session) {
        this.session = session;
        this.engine = session.engine();
        this.follower = new org.lean3assist.engine.CursorFollower(engine,
                report -> session.client().suggestions(Conversions.report(report)));
        this.debouncer = new Debouncer(() -> session.settings().get(Settings.LEAN_CHECK_DELAY_MS));
        engine.addListener(new LeanServerListener() {
            @Override
            public void onMessages(Path file, List<LeanMessage> messages) {
                engine.documents().uriOf(file).ifPresent(uri -> publish(uri, messages));
            }

            @Override
            public void onCrash(String reason, boolean willRestart) {
                engine.forgetSuggestions();
                session.status(willRestart ? LeanStatus.RESTARTING : LeanStatus.CRASHED, reason);
                session.log(MessageType.Warning, "Lean stopped: " + reason + (willRestart ? "; restarting it" : ""));
            }

            @Override
            public void onRestarted(int generation) {
                session.status(LeanStatus.READY, null);
            }
        });
    }

    // ---- synchronisation ---------------------------------------------------------------------

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        engine.open(item.getUri(), item.getVersion(), item.getText());
        // Off the reader thread: the first file of a project starts its Lean process.
        session.executor().execute(() -> sendToLean(item.getUri()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        var changed = engine.change(uri, params.getTextDocument().getVersion(),
                params.getContentChanges().stream().map(Conversions::change).toList());
        if (changed.isEmpty()) {
            LOG.warning(() -> "ignoring a change to " + uri + ", which was never opened");
            return;
        }
        debouncer.submit(uri, () -> sendToLean(uri));
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        debouncer.cancel(uri);
        engine.close(uri);
        session.client().publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The server works from the editor's buffer; saving changes nothing it knows.
    }

    /** Completes when Lean has checked the document's current version (tests await this). */
    CompletableFuture<List<LeanMessage>> checked(String uri) {
        var snapshot = engine.documents().get(uri);
        var project = snapshot.flatMap(this::project);
        if (project.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        cancelMootCheck(project.get(), snapshot.get());
        return engine.check(project.get(), snapshot.get());
    }

    private void sendToLean(String uri) {
        var snapshot = engine.documents().get(uri);
        Optional<LeanProject> project = snapshot.flatMap(this::project);
        if (project.isEmpty()) {
            return;
        }
        var progress = session.progress().begin("Checking " + snapshot.get().path().orElseThrow().getFileName());
        session.status(project.get(), LeanStatus.CHECKING, null);
        debouncer.cancel(uri);
        engine.check(project.get(), snapshot.get()).whenComplete((messages, error) -> {
            progress.close();
            if (error != null) {
                LOG.log(Level.FINE, "checking " + uri + " did not finish", error);
                return;
            }
            session.status(project.get(), LeanStatus.READY, null);
            publish(uri, messages);
        });
    }

    /**
     * Before a request that syncs this version itself: a pending debounced check is moot once Lean
     * is sent the current text.
     */
    private void cancelMootCheck(LeanProject project, Snapshot document) {
        if (!engine.leanHas(project, document)) {
            debouncer.cancel(document.uri());
        }
    }

    private void publish(String uri, List<LeanMessage> messages) {
        engine.documents().get(uri).ifPresent(snapshot -> {
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
                ? termModeGoal(uri, position).thenApply(goal -> goal
                        .map(found -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, Conversions.goalMarkdown(found.rawState()))))
                        .orElse(null))
                : goalAt(place.get()).thenApply(goal -> goal.map(found -> hoverFor(place.get(), found)).orElse(null)));
    }

    /**
     * The goal at the tactic under the cursor in a term-mode {@code by}; empty where Lean has
     * none, and outside every {@code by} without asking Lean at all.
     */
    CompletableFuture<Optional<GoalAtPosition>> termModeGoal(String uri, Position position) {
        var snapshot = engine.documents().get(uri);
        var project = snapshot.flatMap(Snapshot::path).flatMap(engine::runningProject);
        if (project.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        var document = snapshot.get();
        var tactic = document.cursor(Conversions.utf16(position)).flatMap(cursor -> engine.termModeTactic(document, cursor));
        if (tactic.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return goalAt(project.get(), document, tactic.get());
    }

    private Hover hoverFor(Place place, GoalAtPosition goal) {
        StringBuilder markdown = new StringBuilder(Conversions.goalMarkdown(goal.rawState()));
        if (session.settings().get(Settings.SUGGESTIONS_ON_HOVER) && goal.goals().map(g -> !g.isSolved()).orElse(false)) {
            SuggestionWork work = engine.suggest(place, goal);
            var result = work.result();
            int count = session.settings().get(Settings.SUGGESTIONS_COUNT);
            markdown.append("\n\n---\n\n");
            if (result.isDone() && !result.isCompletedExceptionally()) {
                boolean closed = result.join().stream().anyMatch(suggestion -> suggestion.verdict() == Verdict.CLOSES_GOAL);
                if (!closed) {
                    // No single tactic closes it: a short search, in the background, may find a whole proof.
                    goal.goals().filter(goals -> !goals.isSolved()).ifPresent(goals -> engine.searchInBackground(place, goals));
                }
                engine.backgroundProof(place).ifPresent(search -> markdown.append(Conversions.searchMarkdown(search)));
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
            List<Either<Command, CodeAction>> actions = new ArrayList<>();
            var work = engine.suggestions(place.get());
            if (work.isEmpty()) {
                // The cursor rests here: start the work, so the actions are there at the next request.
                await(goalAt(place.get())).ifPresent(goal -> engine.suggest(place.get(), goal));
            } else {
                // Done or not: what Lean has verified so far is offered; the rest comes with later requests.
                actions.addAll(insertActions(place.get(), work.get().current()));
            }
            foundProofAction(place.get()).ifPresent(action -> actions.add(0, action));
            proveAction(place.get()).ifPresent(actions::add);
            return actions;
        });
    }

    private List<Either<Command, CodeAction>> insertActions(Place place, List<Suggestion> ranked) {
        List<Either<Command, CodeAction>> actions = new ArrayList<>();
        for (Suggestion suggestion : ranked) {
            if (!suggestion.verified() || actions.size() >= session.settings().get(Settings.SUGGESTIONS_COUNT)) {
                continue;
            }
            var insert = Conversions.insertEdit(place, suggestion.tactic());
            var edit = new TextEdit(insert.range(), insert.newText());
            var action = new CodeAction("Insert `" + suggestion.tactic() + "` (" + suggestion.describe() + ")");
            action.setKind(CodeActionKind.RefactorRewrite);
            action.setEdit(new WorkspaceEdit(Map.of(place.uri(), List.of(edit))));
            action.setIsPreferred(actions.isEmpty() && suggestion.verdict() == Verdict.CLOSES_GOAL);
            actions.add(Either.forRight(action));
        }
        return actions;
    }

    /** "Insert proof found by search": the hover's short search found one here, for this version. */
    private Optional<Either<Command, CodeAction>> foundProofAction(Place place) {
        var found = engine.backgroundProof(place).filter(search -> search.isDone() && !search.isCompletedExceptionally())
                .flatMap(search -> search.join().proof());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var edit = Conversions.proofEdit(place, found.get().text());
        var action = new CodeAction("Insert proof found by search (Lean checked it): " + found.get().text());
        action.setKind(CodeActionKind.RefactorRewrite);
        action.setEdit(new WorkspaceEdit(Map.of(place.uri(), List.of(new TextEdit(edit.range(), edit.newText())))));
        action.setIsPreferred(true);
        return Optional.of(Either.forRight(action));
    }

    /**
     * "Prove with search" at a {@code sorry} of a tactic block: the server's own prove command,
     * which applies the proof it finds, so any editor can run it.
     */
    private Optional<Either<Command, CodeAction>> proveAction(Place place) {
        var text = place.document().converter();
        LeanPosition site = place.site().start();
        String line = text.lineText(site.line() - 1);
        String rest = line.substring(line.offsetByCodePoints(0, Math.min(site.column(), line.codePointCount(0, line.length()))));
        if (!rest.matches("sorry(?![\\p{L}\\p{N}_'!?]).*")) {
            return Optional.empty();
        }
        var arguments = new com.google.gson.JsonObject();
        arguments.addProperty("uri", place.uri());
        var position = new com.google.gson.JsonObject();
        Position at = Conversions.toLsp(text, site);
        position.addProperty("line", at.getLine());
        position.addProperty("character", at.getCharacter());
        arguments.add("position", position);
        arguments.addProperty("apply", true);
        var action = new CodeAction("Prove with search");
        action.setKind(CodeActionKind.RefactorRewrite);
        action.setCommand(new Command("Prove with search", Protocol.PROVE, List.of(arguments)));
        return Optional.of(Either.forRight(action));
    }

    // ---- following the cursor -----------------------------------------------------------------

    /**
     * {@value Protocol#FOLLOW}: follows the place under a cursor, whose reports the follower pushes
     * as {@value Protocol#SUGGESTIONS}; no text document stops following. A document that is not
     * open is an error that says so.
     */
    CompletableFuture<Protocol.FollowResult> follow(Protocol.FollowParams params) {
        if (params == null || params.textDocument() == null) {
            follower.unfollow();
            return CompletableFuture.completedFuture(new Protocol.FollowResult(null));
        }
        String uri = params.textDocument().getUri();
        Position position = params.position();
        if (uri == null || position == null) {
            return CompletableFuture.failedFuture(ServerCommands.invalid(
                    Protocol.FOLLOW + " takes {textDocument: {uri}, position: {line, character}}"));
        }
        var snapshot = engine.documents().get(uri);
        if (snapshot.isEmpty()) {
            return CompletableFuture.failedFuture(ServerCommands.invalid(
                    uri + " is not open; open it (textDocument/didOpen) before following a place in it"));
        }
        int version = snapshot.get().version();
        return placeAsync(uri, position).thenApply(place -> new Protocol.FollowResult(follower.follow(uri, version,
                place.filter(found -> found.version() == version),
                place.map(this::goalAt).orElseGet(() -> CompletableFuture.completedFuture(Optional.empty())))));
    }

    /** {@value Protocol#STOP_SEARCH}: stops the searches from the subscription's place. */
    CompletableFuture<Protocol.StopSearchResult> stopSearch(Protocol.StopSearchParams params) {
        return CompletableFuture.completedFuture(new Protocol.StopSearchResult(params != null
                && follower.stopSearch(params.subscription())));
    }

    // ---- shared by hover, code actions and commands -------------------------------------------

    /** The tactic site under an LSP position of an open document; empty outside proofs or without Lean. */
    Optional<Place> place(String uri, Position position) {
        var snapshot = engine.documents().get(uri);
        var project = snapshot.flatMap(this::project);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        var document = snapshot.get();
        return document.cursor(Conversions.utf16(position)).flatMap(cursor -> engine.place(project.get(), document, cursor));
    }

    /** The engine's goal query, with a pending debounced check cancelled when it syncs. */
    CompletableFuture<Optional<GoalAtPosition>> goalAt(Place place) {
        return goalAt(place.project(), place.document(), place.site().start());
    }

    private CompletableFuture<Optional<GoalAtPosition>> goalAt(LeanProject project, Snapshot document, LeanPosition at) {
        cancelMootCheck(project, document);
        return engine.goalAt(project, document, at);
    }

    /** A goal query's answer, on a worker thread that may wait (the engine bounds the wait). */
    static Optional<GoalAtPosition> await(CompletableFuture<Optional<GoalAtPosition>> goal) {
        try {
            return goal.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /**
     * The place, computed on the calling thread when the file's Lean already runs (cheap text
     * scanning), or on a worker when finding it may start a Lean process.
     */
    private CompletableFuture<Optional<Place>> placeAsync(String uri, Position position) {
        boolean running = engine.documents().get(uri).flatMap(Snapshot::path).flatMap(engine::runningProject).isPresent();
        return running ? CompletableFuture.completedFuture(place(uri, position))
                : CompletableFuture.supplyAsync(() -> place(uri, position), session.executor());
    }

    /** The document's project, started if need be; a missing Lean is reported once, not thrown. */
    private Optional<LeanProject> project(Snapshot document) {
        Optional<Path> file = document.path();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(engine.project(file.get()));
        } catch (LeanNotFoundException e) {
            session.status(LeanStatus.MISSING, e.getMessage());
            if (leanMissingReported.compareAndSet(false, true)) {
                session.client().showMessage(new MessageParams(MessageType.Error, e.getMessage()));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not start Lean for " + file.get(), e);
            session.status(LeanStatus.CRASHED, e.getMessage());
            return Optional.empty();
        }
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
        engine.documents().uris().forEach(this::sendToLean);
    }

    /**
     * Stops every project's Leans and sends the open documents to fresh ones, which start with the
     * settings in force now (the engine forgets the suggestions verified on the old checkers).
     */
    void restartProjects() {
        engine.restartProjects();
        resendAll();
    }

    @Override
    public void close() {
        follower.close();
        debouncer.close();
        engine.forgetSuggestions();
    }
}
