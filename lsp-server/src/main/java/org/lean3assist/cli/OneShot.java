package org.lean3assist.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.engine.Documents.Snapshot;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.LeanProject;
import org.lean3assist.engine.suggest.Suggestion;
import org.lean3assist.engine.suggest.TacticSite;

/** What the one-shot commands share: opening a file in the engine, waiting for Lean, printing results. */
final class OneShot {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** One-shot commands wait at most this long for any single Lean answer. */
    static final long WAIT_SECONDS = 600;

    private OneShot() {}

    /** A file opened in the engine and checked by its project's Lean. */
    record Opened(Snapshot document, LeanProject project, List<LeanMessage> messages) {}

    /** Opens {@code text} as the document of {@code file}, starts its project and waits until Lean has checked it. */
    static Opened open(Engine engine, Path file, String text) throws Exception {
        Path absolute = file.toAbsolutePath();
        Snapshot document = engine.open(absolute.toUri().toString(), 1, text);
        LeanProject project = engine.project(absolute);
        return new Opened(document, project, await(engine.check(project, document)));
    }

    /** The place of a tactic site in an opened file. */
    static Engine.Place place(Opened opened, TacticSite site) {
        return new Engine.Place(opened.document(), opened.document().path().orElseThrow(), opened.project(), site);
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("Lean did not answer within " + WAIT_SECONDS + " s");
        }
    }

    /** The tactic site at a Lean position, or a clear error when the position is not in a proof. */
    static TacticSite site(FilePosition at, String text) {
        var converter = new PositionConverter(text);
        if (at.position().line() > converter.lineCount()) {
            throw new IllegalArgumentException(at + " is past the end of the file (" + converter.lineCount() + " lines)");
        }
        return TacticSite.at(text, at.position()).orElseThrow(() -> new IllegalArgumentException(
                at + " is not on a tactic inside a closed begin … end block"));
    }

    /** Lean's message in Lean's own command-line format: {@code file:line:col: error: text}. */
    static String format(LeanMessage message) {
        return message.fileName() + ":" + message.line() + ":" + message.column() + ": "
                + message.severity().name().toLowerCase(Locale.ROOT) + ": " + message.text();
    }

    static void printJson(PrintWriter out, Object value) throws java.io.IOException {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    /** One suggestion or verdict in {@code --json}, with the names the protocol uses. */
    static Map<String, Object> toJson(Suggestion suggestion) {
        var json = new LinkedHashMap<String, Object>();
        json.put("tactic", suggestion.tactic());
        json.put("status", suggestion.status());
        json.put("goalsAfter", suggestion.goalsAfter().map(goals -> goals.render()).orElse(null));
        json.put("message", suggestion.message().orElse(null));
        json.put("source", suggestion.source().wire());
        return json;
    }

    /** How the replays were confined, for {@code --json}: {@code {"sandboxed": …, "description": "…"}}. */
    static Map<String, Object> sandboxJson(CheckerPool.Confinement confinement) {
        var json = new LinkedHashMap<String, Object>();
        json.put("sandboxed", confinement.sandboxed());
        json.put("description", confinement.description());
        return json;
    }

    /**
     * How the replays were confined, as the one line of text output that says so: the pool's own
     * description, which begins "sandboxed" or "not sandboxed" (or says why replays were refused).
     */
    static String sandboxLine(CheckerPool.Confinement confinement) {
        return "Replays: " + confinement.description();
    }

    /** The first line of a possibly multi-line Lean message, for one-line-per-item text output. */
    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }

    /** Indents every line of a block of text, for goals in text output. */
    static String indent(String text) {
        return text.lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
    }
}
