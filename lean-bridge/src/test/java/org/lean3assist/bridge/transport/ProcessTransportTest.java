package org.lean3assist.bridge.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The process transport on small shell children that behave like a Lean server at its edges. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the children are POSIX shell commands")
class ProcessTransportTest {

    @TempDir
    Path workingDirectory;

    @Test
    void deliversStdoutAndStderrLinesThenTheExit() throws Exception {
        Recorder recorder = new Recorder();

        ProcessTransport.start(shell("echo 'not json'; echo '{\"response\":\"ok\",\"seq_num\":1}'; echo oops >&2; exit 3"),
                recorder);

        assertEquals(ExitStatus.exited(3), recorder.exit.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("not json", "{\"response\":\"ok\",\"seq_num\":1}"), recorder.lines);
        assertEquals(List.of("oops"), recorder.stderr);
    }

    @Test
    void echoesWrittenLinesAndExitsCleanlyWhenStdinCloses() throws Exception {
        Recorder recorder = new Recorder();
        ProcessTransport transport = ProcessTransport.start(shell("while read line; do echo \"$line\"; done"), recorder);

        transport.send("{\"seq_num\":1,\"command\":\"sync\",\"content\":\"ℕ 𝓝\"}");
        transport.closeInput();

        assertEquals(ExitStatus.exited(0), recorder.exit.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("{\"seq_num\":1,\"command\":\"sync\",\"content\":\"ℕ 𝓝\"}"), recorder.lines);
    }

    @Test
    void reportsAKillAsSignalNineAndFailsLaterWrites() throws Exception {
        Recorder recorder = new Recorder();
        ProcessTransport transport = ProcessTransport.start(shell("exec sleep 60"), recorder);

        transport.kill();

        ExitStatus status = recorder.exit.get(10, TimeUnit.SECONDS);
        assertEquals(ExitStatus.killedBy(9), status);
        assertEquals("signal 9 (SIGKILL)", status.describe());
        assertThrows(IOException.class, () -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                transport.send("{\"seq_num\":2,\"command\":\"info\"}");
            }
        });
    }

    @Test
    void closeKillsAChildThatIgnoresItsStdin() throws Exception {
        Recorder recorder = new Recorder();
        ProcessTransport transport = ProcessTransport.start(shell("exec sleep 60"), recorder);

        transport.close();

        assertTrue(recorder.exit.get(10, TimeUnit.SECONDS).signal().isPresent());
    }

    @Test
    void aKillTakesTheChildrenOfTheProcessWithIt() throws Exception {
        Recorder recorder = new Recorder();
        ProcessTransport transport = ProcessTransport.start(shell("sleep 60 & echo $!; wait"), recorder);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (recorder.lines.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ProcessHandle child = ProcessHandle.of(Long.parseLong(recorder.lines.get(0).trim())).orElseThrow();
        try {
            transport.kill();

            child.onExit().get(10, TimeUnit.SECONDS);
            assertTrue(!child.isAlive(), "the shell's background child outlived the kill");
        } finally {
            child.destroyForcibly();
        }
    }

    private LeanCommand shell(String script) {
        return new LeanCommand(List.of("/bin/sh", "-c", script), workingDirectory);
    }

    private static final class Recorder implements TransportListener {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> stderr = new CopyOnWriteArrayList<>();
        final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

        @Override
        public void onLine(String line) {
            lines.add(line);
        }

        @Override
        public void onStderr(String line) {
            stderr.add(line);
        }

        @Override
        public void onExit(ExitStatus status) {
            exit.complete(status);
        }
    }
}
