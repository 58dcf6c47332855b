package org.lean3assist.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.goal.Goal;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.Documents.Snapshot;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.prove.ProofSearch;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * The server's commands ({@code workspace/executeCommand}) and its custom requests. Arguments come as
 * JSON objects; a missing or malformed one is an {@code InvalidParams} error that says which.
 */
final class ServerCommands {

    /** How long a command waits for Lean's verdicts before it gives up. */
    private static final long VERIFY_WAIT_SECONDS = 300;
    private final ServerSession session;
    private final LeanTextDocumentService textDocuments;

    ServerCommands(ServerSession session, LeanTextDocumentService textDocuments) {
        this.session = session;
        this.textDocuments = textDocuments;
    }

    CompletableFuture<Object> execute(String command, List<Object> arguments) {
        return CompletableFutures.computeAsync(session.executor(), cancel -> switch (command) {
            case Protocol.SUGGEST_TACTICS -> suggestTactics(objectArgument(command, arguments));
            case Protocol.FORMALIZE -> formalize(objectArgument(command, arguments), cancel);
            case Protocol.INFORMALIZE -> informalize(objectArgument(command, arguments), cancel);
            case Protocol.RESTART_LEAN -> restartLean();
            case Protocol.PROVE -> prove(objectArgument(command, arguments), cancel);
            case Protocol.SOLVE -> solve(objectArgument(command, arguments), cancel);
            default -> throw invalid("unknown command '" + command + "'; this server knows " + Protocol.COMMANDS);
        });
    }

    CompletableFuture<Protocol.PlainGoal> plainGoal(TextDocumentPositionParams params) {
        String uri = params.getTextDocument().getUri();
        // Inside begin … end the goal before the tactic's start; in a term-mode `by`, at the tactic.
        return CompletableFutures.computeAsync(session.executor(), cancel -> textDocuments.place(uri, params.getPosition())
                .map(place -> LeanTextDocumentService.await(textDocuments.goalAt(place)))
                .orElseGet(() -> textDocuments.termModeGoal(uri, params.getPosition()).join())
                .map(goal -> new Protocol.PlainGoal(Conversions.goalMarkdown(goal.rawState()),
                        goal.goals().map(state -> state.goals().stream().map(Goal::render).toList())
                                .orElse(List.of(goal.rawState()))))
                .orElse(null));
    }

    private Protocol.SuggestResult suggestTactics(JsonObject arguments) {
        String uri = string(arguments, "uri");
        Position position = position(arguments);
        int k = arguments.has("k") ? arguments.get("k").getAsInt() : session.settings().get(Settings.SUGGESTIONS_COUNT);
        var place = textDocuments.place(uri, position);
        if (place.isEmpty()) {
            return new Protocol.SuggestResult(null, List.of());
        }
        Optional<GoalAtPosition> goal = LeanTextDocumentService.await(textDocuments.goalAt(place.get()));
        if (goal.isEmpty()) {
            return new Protocol.SuggestResult(null, List.of());
        }
        List<Suggestion> ranked = await(engine().suggest(place.get(), goal.get()).result());
        return new Protocol.SuggestResult(goal.get().rawState(),
                ranked.stream().limit(Math.max(1, k)).map(Conversions::item).toList());
    }

    private Protocol.FormalizeResult formalize(JsonObject arguments, CancelChecker cancel) {
        String text = string(arguments, "text");
        Optional<Snapshot> document = arguments.has("uri")
                ? engine().documents().get(string(arguments, "uri")) : Optional.empty();
        Optional<org.lean3assist.bridge.text.LeanPosition> at = document.isPresent() && arguments.has("position")
                ? Optional.of(Conversions.toLean(document.get().converter(), position(arguments))) : Optional.empty();
        // On the project's checkers, never on the Lean that checks the user's buffers.
        var formalization = modelCall(() -> engine().formalize(text, engine().formalizeContext(document, at),
                Engine.FORMALIZE_CANDIDATES, cancellation(cancel)));
        if (formalization.notChecked().isPresent()) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "cannot check the statements without Lean: " + formalization.notChecked().get(), null));
        }
        return new Protocol.FormalizeResult(formalization.statements().stream()
                .map(statement -> new Protocol.FormalizedStatement(statement.statement(), statement.status().wire(),
                        statement.message().orElse(null)))
                .toList());
    }

    /**
     * A word problem solved and checked: {@code {question, uri?, position?, samples?, rounds?, rank?}}. With a document
     * the checks go after its text before {@code position} (where the problem starts), beside it; without one, in
     * the server's working directory's project. Work-done progress says what runs.
     */
    private Protocol.SolveResult solve(JsonObject arguments, CancelChecker cancel) {
        String question = string(arguments, "question");
        if (question.isBlank()) {
            throw invalid("argument 'question' is empty");
        }
        Optional<Snapshot> document = arguments.has("uri")
                ? engine().documents().get(string(arguments, "uri")) : Optional.empty();
        if (arguments.has("uri") && document.isEmpty()) {
            throw invalid("the document " + string(arguments, "uri") + " is not open");
        }
        Optional<org.lean3assist.bridge.text.LeanPosition> at = document.isPresent() && arguments.has("position")
                ? Optional.of(Conversions.toLean(document.get().converter(), position(arguments))) : Optional.empty();
        org.lean3assist.model.solve.Solver.Options options;
        try {
            options = new org.lean3assist.model.solve.Solver.Options(
                    arguments.has("samples") ? arguments.get("samples").getAsInt() : Engine.SOLVE_SAMPLES,
                    arguments.has("rounds") ? arguments.get("rounds").getAsInt() : Engine.SOLVE_ROUNDS);
        } catch (IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
            throw invalid(e.getMessage());
        }
        var context = engine().solveContext(document, at, java.nio.file.Path.of("").toAbsolutePath());
        var progress = session.progress().begin("Solving and checking in Lean");
        try {
            boolean rank = arguments.has("rank") && arguments.get("rank").getAsBoolean();
            return SolveViews.view(modelCall(() -> engine().solve(question, context, options, rank, cancellation(cancel))));
        } finally {
            progress.close();
        }
    }

    private Protocol.InformalizeResult informalize(JsonObject arguments, CancelChecker cancel) {
        String statement = string(arguments, "statement");
        return new Protocol.InformalizeResult(modelCall(() -> engine().informalize(statement, cancellation(cancel))));
    }

    /**
     * A proof search at a position: {@code {uri, position, budget?, seconds?, apply?}}; work-done
     * progress tells the expansions, the depth and the goals left at the best state; cancellation
     * and an edit of the document stop it. With {@code apply}, as the "Prove with search" code
     * action sends it, the server itself asks the client to apply the proof's edit
     * ({@code workspace/applyEdit}), or shows why there is none, so it works in any editor.
     */
    private Protocol.ProveResult prove(JsonObject arguments, CancelChecker cancel) {
        String uri = string(arguments, "uri");
        Position position = position(arguments);
        var defaults = Engine.PROVE_BUDGET;
        int budget = arguments.has("budget") ? arguments.get("budget").getAsInt() : defaults.maxExpansions();
        int seconds = arguments.has("seconds") ? arguments.get("seconds").getAsInt() : (int) defaults.wallTime().toSeconds();
        if (budget < 1 || seconds < 1) {
            throw invalid("budget and seconds must each be at least 1");
        }
        var place = textDocuments.place(uri, position)
                .orElseThrow(() -> invalid("no tactic of a begin … end block at " + position.getLine() + ":"
                        + position.getCharacter() + " of " + uri));
        GoalAtPosition goal = LeanTextDocumentService.await(textDocuments.goalAt(place))
                .orElseThrow(() -> failed("Lean reports no goal there"));
        var state = goal.goals().filter(goals -> !goals.isSolved())
                .orElseThrow(() -> failed("Lean's goal there could not be read, or there is none"));
        var progress = session.progress().begin("Proving with search");
        ProofSearch.Outcome outcome;
        try {
            outcome = engine().prove(place, state, new ProofSearch.Budget(budget, java.time.Duration.ofSeconds(seconds),
                    defaults.stepsPerNode()), cancellation(cancel), reached -> progress.report(reached.figures().expansions()
                    + " states expanded, depth " + reached.figures().maxDepth() + ", best: "
                    + reached.bestState().goals().size() + " goal(s) left"));
        } finally {
            progress.close();
        }
        Protocol.ProofEdit edit = outcome.proof().map(proof -> Conversions.proofEdit(place, proof.text())).orElse(null);
        var figures = outcome.figures();
        if (arguments.has("apply") && arguments.get("apply").getAsBoolean()) {
            applyOrTell(uri, edit, outcome);
        }
        return new Protocol.ProveResult(goal.rawState(), outcome.proof().isPresent(),
                outcome.proof().map(ProofSearch.Proof::text).orElse(null), edit,
                outcome.proof().map(ProofSearch.Proof::steps).orElse(outcome.bestSteps()),
                outcome.proof().isPresent() ? null : outcome.bestState().render(), outcome.stop().wire(),
                figures.expansions(), figures.replays(), figures.elapsed().toMillis());
    }

    private void applyOrTell(String uri, Protocol.ProofEdit edit, ProofSearch.Outcome outcome) {
        var client = session.client();
        if (edit == null) {
            client.showMessage(new org.eclipse.lsp4j.MessageParams(org.eclipse.lsp4j.MessageType.Info,
                    "Lean 3 Assist: no proof found (" + outcome.stop().wire() + ", " + outcome.figures().expansions()
                            + " states expanded)" + (outcome.bestSteps().isEmpty() ? ""
                            : "; the best steps, " + ProofSearch.format(outcome.bestSteps()) + ", leave "
                            + outcome.bestState().goals().size() + " goal(s)")));
            return;
        }
        var workspaceEdit = new org.eclipse.lsp4j.WorkspaceEdit(java.util.Map.of(uri,
                List.of(new org.eclipse.lsp4j.TextEdit(edit.range(), edit.newText()))));
        client.applyEdit(new org.eclipse.lsp4j.ApplyWorkspaceEditParams(workspaceEdit, "Prove with search"));
    }

    private static ResponseErrorException failed(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, message, null));
    }

    private Object restartLean() {
        textDocuments.restartProjects();
        return null;
    }

    /** A model's answer; no model is a request failure that says how to configure one. */
    private static <T> T modelCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (Engine.NoModelException e) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, e.getMessage()
                    + ": set lean3Assist.model.path to a model directory, or lean3Assist.model.remoteUrl", null));
        } catch (UnsupportedOperationException e) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, e.getMessage()
                    + ": set lean3Assist.model.profile to one that has it", null));
        }
    }

    /** LSP4J's cancellation as the engine's; a checker that was never cancellable reads as never. */
    private static Cancellation cancellation(CancelChecker cancel) {
        return () -> {
            try {
                cancel.checkCanceled();
                return false;
            } catch (java.util.concurrent.CancellationException e) {
                return true;
            }
        };
    }

    private Engine engine() {
        return session.engine();
    }

    private static <T> T await(CompletableFuture<T> work) {
        try {
            return work.get(VERIFY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "Lean could not verify the suggestions: " + e.getCause().getMessage(), null));
        } catch (TimeoutException e) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "Lean did not finish verifying within " + VERIFY_WAIT_SECONDS + " s", null));
        }
    }

    private static JsonObject objectArgument(String command, List<Object> arguments) {
        if (arguments == null || arguments.isEmpty() || !(arguments.get(0) instanceof JsonObject object)) {
            throw invalid(command + " takes one JSON object argument");
        }
        return object;
    }

    private static String string(JsonObject arguments, String key) {
        JsonElement value = arguments.get(key);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw invalid("argument '" + key + "' must be a string");
        }
        return value.getAsString();
    }

    private static Position position(JsonObject arguments) {
        JsonElement value = arguments.get("position");
        if (value == null || !value.isJsonObject() || !value.getAsJsonObject().has("line")
                || !value.getAsJsonObject().has("character")) {
            throw invalid("argument 'position' must be {line, character}");
        }
        return new Position(value.getAsJsonObject().get("line").getAsInt(), value.getAsJsonObject().get("character").getAsInt());
    }

    /** An InvalidParams error that says what is wrong, for the commands and the custom requests. */
    static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
