package org.lean3assist.bridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.lean3assist.bridge.protocol.LeanMessage;

/**
 * The recordings copied from the shared corpus into {@code src/test/resources/lean3}, read with
 * their placeholders ({@code ${WORKSPACE}}, {@code ${LEAN_HOME}}, {@code ${LEAN_LIBRARY}})
 * expanded to the paths of one test run.
 */
public final class Recordings {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The five recorded source files. */
    public static final List<String> SOURCE_NAMES = List.of("basics", "multigoal", "unicode", "errors", "incomplete");

    /** The names of the recorded sources, for parameterized tests. */
    public static Stream<String> sourceNames() {
        return SOURCE_NAMES.stream();
    }

    private final Path workspace;
    private final Path leanHome;
    private final Path leanLibrary;

    public Recordings(Path workspace, Path leanHome, Path leanLibrary) {
        this.workspace = workspace;
        this.leanHome = leanHome;
        this.leanLibrary = leanLibrary;
    }

    /** Recordings expanded to a workspace that does not need to exist (nothing is written to it). */
    public static Recordings withVirtualWorkspace() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "lean3assist-recorded");
        return new Recordings(root.resolve("workspace"), root.resolve("lean"), root.resolve("lean/lib/lean/library"));
    }

    public Path workspace() {
        return workspace;
    }

    /** A recorded file's raw text, placeholders untouched. */
    public static String raw(String relativePath) {
        try (InputStream stream = Recordings.class.getResourceAsStream("/lean3/" + relativePath)) {
            if (stream == null) {
                throw new IllegalArgumentException("no recording " + relativePath);
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The source text of one of the five recorded files. */
    public static String source(String name) {
        return raw("lean/" + name + ".lean");
    }

    /** A recorded file's text with placeholders expanded. */
    public String expanded(String relativePath) {
        return expand(raw(relativePath));
    }

    public String expand(String text) {
        // Paths contain no characters that JSON escapes, so plain substitution inside the JSON
        // text is the same as substitution inside its string values.
        return text.replace("${LEAN_LIBRARY}", leanLibrary.toString())
                .replace("${LEAN_HOME}", leanHome.toString())
                .replace("${WORKSPACE}", workspace.toString());
    }

    /** A recorded JSON file, expanded. */
    public JsonNode json(String relativePath) {
        try {
            return JSON.readTree(expanded(relativePath));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The events of a recorded transcript, expanded. */
    public List<JsonNode> transcript(String relativePath) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : expanded(relativePath).split("\n")) {
            if (!line.isBlank()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException unreadable) {
                    throw new UncheckedIOException(unreadable);
                }
            }
        }
        return events;
    }

    /** A scripted Lean that replays a transcript. */
    public ScriptedTransport.Script script(String relativePath) {
        return new ScriptedTransport.Script(relativePath, transcript(relativePath));
    }

    /**
     * The messages the one-shot {@code lean --json} run printed for a source, as
     * {@code "line:column severity text"}; a set, because Lean prints them in no fixed order.
     */
    public Set<String> cliMessages(String name) {
        Set<String> messages = new HashSet<>();
        for (JsonNode message : json("cli/" + name + ".json").get("messages")) {
            messages.add(message.get("pos_line").asInt() + ":" + message.get("pos_col").asInt() + " "
                    + message.get("severity").asText() + " " + message.get("text").asText());
        }
        return messages;
    }

    /** Messages in the form of {@link #cliMessages}. */
    public static Set<String> messageKeys(List<LeanMessage> messages) {
        Set<String> keys = new HashSet<>();
        for (LeanMessage message : messages) {
            keys.add(message.line() + ":" + message.column() + " "
                    + message.severity().name().toLowerCase(Locale.ROOT) + " " + message.text());
        }
        return keys;
    }

    /** The path a recorded source file had, in this run's workspace. */
    public Path sourcePath(String name) {
        return workspace.resolve(name + ".lean");
    }
}
