package org.lean3assist.editor;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.TransportListener;

/**
 * A stand-in {@code lean} executable for end-to-end tests where no Lean 3 is installed: it answers
 * {@code --version} as Lean 3.51.1 did, and in {@code --server} mode replays a recorded transcript
 * through {@link ScriptedTransport}, so every line it prints is one Lean printed.
 *
 * <p>Usage: {@code ReplayLean TRANSCRIPT WORKSPACE [lean arguments...]}, where TRANSCRIPT names a
 * recording in the shared test resources ({@code sessions/basics.jsonl}) and WORKSPACE is the
 * directory that stands for the recordings' {@code ${WORKSPACE}}.
 */
public final class ReplayLean {

    /** What Lean 3.51.1 printed for {@code --version}; the corpus's index records it. */
    static final String VERSION = "Lean (version 3.51.1, Release)";

    private ReplayLean() {}

    public static void main(String[] args) throws IOException {
        var leanArguments = Arrays.asList(args).subList(2, args.length);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (leanArguments.contains("--version") || leanArguments.contains("-v")) {
            out.println(VERSION);
            return;
        }
        Path workspace = Path.of(args[1]);
        var recordings = new Recordings(workspace, workspace.resolve("lean"), workspace.resolve("lean/lib/lean/library"));
        var transport = ScriptedTransport.factory(recordings.script(args[0])).start(new TransportListener() {
            @Override
            public void onLine(String line) {
                synchronized (out) {
                    out.println(line);
                }
            }

            @Override
            public void onStderr(String line) {
                System.err.println(line);
            }

            @Override
            public void onExit(ExitStatus status) {
                out.flush();
                System.exit(status.exitCode().orElse(128 + status.signal().orElse(0)));
            }
        });
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            try {
                transport.send(line);
            } catch (IOException e) {
                // A request the recording does not have: Lean would answer something, the replay cannot.
                System.err.println("replay-lean: " + e.getMessage());
            }
        }
        System.exit(0);
    }
}
