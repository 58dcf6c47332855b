package org.lean3assist.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.goal.Goal;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.engine.suggest.MathModel;
import org.lean3assist.bridge.verify.StatementChecker;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * The server's commands ({@code workspace/executeCommand}) and its custom requests. Arguments come as
 * JSON objects; a missing or malformed one is an {@code InvalidParams} error that says which.
 */
final class ServerCommands {

    /** How long a command waits for Lean's verdicts before it gives up. */
    private static final long VERIFY_WAIT_SECONDS = 300;
    /** Statements asked of the model per formalization. */
    private static final int FORMALIZE_CANDIDATES = 4;

    private final TextDocuments documents;
    private final ServerSession session;
    private final LeanTextDocumentService textDocuments;

    ServerCommands(TextDocuments documents, ServerSession session, LeanTextDocumentService textDocuments) {
        this.documents = documents;
        this.session = session;
        this.textDocuments = textDocuments;
    }

    CompletableFuture<Object> execute(String command, List<Object> arguments) {
        return CompletableFutures.computeAsync(session.executor(), cancel -> switch (command) {
            case Protocol.SUGGEST_TACTICS -> suggestTactics(objectArgument(command, arguments));
            case Protocol.FORMALIZE -> formalize(objectArgument(command, arguments));
            case Protocol.INFORMALIZE -> informalize(objectArgument(command, arguments));
            case Protocol.RESTART_LEAN -> restartLean();
            default -> throw invalid("unknown command '" + command + "'; this server knows " + Protocol.COMMANDS);
        });
    }

    CompletableFuture<Protocol.PlainGoal> plainGoal(TextDocumentPositionParams params) {
        String uri = params.getTextDocument().getUri();
        // Inside begin … end the goal before the tactic's start; in a term-mode `by`, at the tactic.
        return CompletableFutures.computeAsync(session.executor(), cancel -> textDocuments.place(uri, params.getPosition())
                .map(textDocuments::goalAt)
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
        Optional<GoalAtPosition> goal = textDocuments.goalAt(place.get());
        if (goal.isEmpty()) {
            return new Protocol.SuggestResult(null, List.of());
        }
        List<Suggestion> ranked = await(textDocuments.startSuggestions(place.get(), goal.get()).result());
        return new Protocol.SuggestResult(goal.get().rawState(),
                ranked.stream().limit(Math.max(1, k)).map(Conversions::item).toList());
    }

    private Protocol.FormalizeResult formalize(JsonObject arguments) {
        String text = string(arguments, "text");
        MathModel model = requireModel();
        List<String> statements = model.formalize(text, FORMALIZE_CANDIDATES, () -> false);
        Optional<Path> file = arguments.has("uri") ? Conversions.path(arguments.get("uri").getAsString()) : Optional.empty();
        String context = "";
        if (file.isPresent() && arguments.has("uri")) {
            String uri = arguments.get("uri").getAsString();
            var snapshot = documents.get(uri);
            if (snapshot.isPresent()) {
                context = StatementChecker.contextBefore(snapshot.get().text(),
                        arguments.has("position") ? Optional.of(Conversions.toLean(snapshot.get().converter(), position(arguments)))
                                : Optional.empty());
            }
        }
        Path anchor = file.orElseGet(session::scratchFile);
        try {
            // On the project's checkers, never on the Lean that checks the user's buffers.
            var checker = new StatementChecker(session.projects().forFile(anchor).checkers());
            List<Protocol.FormalizedStatement> checked = new ArrayList<>();
            for (String statement : statements) {
                var result = checker.check(anchor, context, statement);
                checked.add(new Protocol.FormalizedStatement(statement, result.ok() ? "ok" : "error",
                        result.message().orElse(null)));
            }
            return new Protocol.FormalizeResult(checked);
        } catch (org.lean3assist.bridge.locate.LeanNotFoundException e) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "cannot check the statements without Lean: " + e.getMessage(), null));
        }
    }

    private Protocol.InformalizeResult informalize(JsonObject arguments) {
        String statement = string(arguments, "statement");
        return new Protocol.InformalizeResult(requireModel().informalize(statement, () -> false));
    }

    private Object restartLean() {
        textDocuments.restartProjects();
        return null;
    }

    private MathModel requireModel() {
        return session.model().orElseThrow(() -> new ResponseErrorException(new ResponseError(
                ResponseErrorCode.RequestFailed,
                "no model is configured: set lean3Assist.model.path to a model directory, or lean3Assist.model.remoteUrl",
                null)));
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

    private static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
