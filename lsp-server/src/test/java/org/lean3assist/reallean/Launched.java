package org.lean3assist.reallean;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A run of the real {@code ./lean3-assist} launcher, to its end: its exit status and both outputs. */
record Launched(int exitCode, String stdout, String stderr) {

    /** The repository root, where the launcher is. */
    static final Path ROOT = Path.of(System.getProperty("lean3assist.root", "..")).toAbsolutePath().normalize();

    /** Runs the launcher with {@code args} in {@code directory}, failing the test after {@code seconds}. */
    static Launched run(Path directory, long seconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("lean3-assist").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
        var stderr = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(stderr);
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        drain.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "the launcher ended within " + seconds + " s: " + args[0]);
        drain.join();
        return new Launched(process.exitValue(), stdout, stderr.toString(StandardCharsets.UTF_8));
    }
}
