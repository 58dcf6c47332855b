package org.lean3assist.bridge.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The attack corpus: hostile candidates grouped by kind in {@code attacks/<kind>.txt}, and the
 * benign steps in {@code benign/tactics.txt}, on the test class path. The filter's tests refuse
 * every attack; a real-Lean test can replay the same payloads with the filter bypassed, to show
 * what each one would have done.
 *
 * <p>The format, one candidate a line: a line that is {@code #} alone or starts with {@code "# "}
 * is a comment (so {@code #eval 1} is a payload), blank lines are skipped, and {@code \n},
 * {@code \r}, {@code \t}, {@code \\} and {@code \}{@code uXXXX} are escapes, so that payloads with
 * line breaks and invisible characters can be written visibly.
 */
public final class AttackCorpus {

    /** Where the attack files lie on the class path. */
    public static final String ATTACKS = "attacks";

    /** The benign steps, which the filter must all accept. */
    public static final String BENIGN = "benign/tactics.txt";

    /** One payload with where it was written, for test names and failure messages. */
    public record Payload(String kind, int line, String text) {

        @Override
        public String toString() {
            return kind + ":" + line + " " + text;
        }
    }

    private AttackCorpus() {
    }

    /** The kinds of attack, one per file of {@link #ATTACKS}, sorted by name. */
    public static List<String> kinds() {
        return withResourceDirectory(ATTACKS, directory -> {
            try (Stream<Path> files = Files.list(directory)) {
                return files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".txt"))
                        .map(name -> name.substring(0, name.length() - ".txt".length()))
                        .sorted()
                        .toList();
            }
        });
    }

    /** The decoded candidates of one kind, in file order. */
    public static List<String> payloads(String kind) {
        return entries(kind).stream().map(Payload::text).toList();
    }

    /** The candidates of one kind with their line numbers. */
    public static List<Payload> entries(String kind) {
        return read(ATTACKS + "/" + kind + ".txt", kind);
    }

    /** Every attack of every kind. */
    public static Stream<Payload> all() {
        return kinds().stream().flatMap(kind -> entries(kind).stream());
    }

    /** The benign steps with their line numbers. */
    public static List<Payload> benign() {
        return read(BENIGN, "benign");
    }

    /** Decodes one line of a corpus file: the escapes described in the class comment. */
    public static String decode(String line) {
        StringBuilder decoded = new StringBuilder();
        for (int index = 0; index < line.length(); index++) {
            char character = line.charAt(index);
            if (character != '\\' || index + 1 == line.length()) {
                decoded.append(character);
                continue;
            }
            char escaped = line.charAt(++index);
            switch (escaped) {
                case 'n' -> decoded.append('\n');
                case 'r' -> decoded.append('\r');
                case 't' -> decoded.append('\t');
                case '\\' -> decoded.append('\\');
                case 'u' -> {
                    decoded.append((char) Integer.parseInt(line.substring(index + 1, index + 5), 16));
                    index += 4;
                }
                default -> decoded.append('\\').append(escaped);
            }
        }
        return decoded.toString();
    }

    private static List<Payload> read(String resource, String kind) {
        return withResourceDirectory(resource, file -> {
            List<Payload> payloads = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int index = 0; index < lines.size(); index++) {
                String line = lines.get(index);
                if (line.isBlank() || line.equals("#") || line.startsWith("# ")) {
                    continue;
                }
                payloads.add(new Payload(kind, index + 1, decode(line)));
            }
            return List.copyOf(payloads);
        });
    }

    private interface PathFunction<T> {
        T apply(Path path) throws IOException;
    }

    /** Runs {@code action} on a class-path resource as a path, from a directory or from inside a test jar. */
    private static <T> T withResourceDirectory(String resource, PathFunction<T> action) {
        URL url = AttackCorpus.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("the test resource " + resource + " is not on the class path");
        }
        try {
            URI uri = url.toURI();
            if (!uri.getScheme().equals("jar")) {
                return action.apply(Path.of(uri));
            }
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException notOpenYet) {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            }
            try {
                return action.apply(jar.provider().getPath(uri));
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the test resource " + resource, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the test resource " + resource + " has no usable address", e);
        }
    }
}
