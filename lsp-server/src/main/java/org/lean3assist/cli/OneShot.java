package org.lean3assist.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.engine.suggest.TacticSite;
import org.lean3assist.engine.LeanProject;
import org.lean3assist.engine.LeanProjects;

/** What the one-shot commands share: opening a file in Lean, waiting for it, printing results. */
final class OneShot {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** One-shot commands wait at most this long for any single Lean answer. */
    static final long WAIT_SECONDS = 600;

    private OneShot() {}

    /**
     * A source file opened in its project's Lean and checked. Closing it stops that Lean.
     *
     * @param file the absolute path Lean knows the file by
     */
    record CheckedFile(LeanProjects projects, LeanProject project, Path file, String text,
                       List<LeanMessage> messages) implements AutoCloseable {
        @Override
        public void close() {
            projects.close();
        }
    }

    /**
     * Starts the file's Lean with the command's options, sends it {@code text} and waits until it is
     * checked. Callers read the text (and check their position in it) first, so that a bad argument
     * is reported before a Lean process starts.
     */
    static CheckedFile check(LeanOptions lean, Path file, String text) throws Exception {
        Path absolute = file.toAbsolutePath();
        var projects = lean.projects();
        try {
            var project = projects.forFile(absolute);
            return new CheckedFile(projects, project, absolute, text, openAndCheck(project, absolute, text));
        } catch (Exception | Error e) {
            projects.close();
            throw e;
        }
    }

    /** Sends the file to Lean and waits until it is checked; returns its messages. */
    static List<LeanMessage> openAndCheck(LeanProject project, Path file, String text) throws Exception {
        await(project.server().openDocument(file, 1, text));
        return await(project.server().waitUntilChecked(file));
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
                + message.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + message.text();
    }

    static void printJson(PrintWriter out, Object value) throws java.io.IOException {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    static LeanPosition position(FilePosition at) {
        return at.position();
    }

    /** How the replays were confined, for {@code --json}: {@code {"sandboxed": …, "description": "…"}}. */
    static java.util.Map<String, Object> sandboxJson(CheckerPool.Confinement confinement) {
        var json = new java.util.LinkedHashMap<String, Object>();
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
        return text.lines().map(line -> "  " + line).collect(java.util.stream.Collectors.joining("\n"));
    }
}
