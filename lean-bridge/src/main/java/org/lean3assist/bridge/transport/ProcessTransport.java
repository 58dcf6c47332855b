package org.lean3assist.bridge.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.sandbox.Sandbox;

/**
 * A real {@code lean --server} child process. One daemon thread reads stdout line by line, one
 * drains stderr into the log, and one waits for the process and then reports its exit after the
 * readers have drained, so the listener sees every line before the exit.
 */
public final class ProcessTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(ProcessTransport.class.getName());
    private static final long CLEAN_EXIT_WAIT_MILLIS = 2_000;
    private static final long DRAIN_GRACE_MILLIS = 2_000;

    /**
     * The longest line read from Lean, in chars. No honest reply comes near it; a process that
     * writes a longer one (a candidate printing a huge term) is killed rather than let it fill the
     * JVM's heap, and its requests fail as after a crash.
     */
    public static final int MAX_LINE_CHARS = 16 << 20;

    private final Process process;
    private final Writer stdin;
    private final Object writeLock = new Object();

    private ProcessTransport(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** A factory that starts {@code command} once per generation. */
    public static TransportFactory factory(LeanCommand command) {
        return listener -> start(command, listener);
    }

    /** Starts the process and its reader threads. */
    public static ProcessTransport start(LeanCommand command, TransportListener listener) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(command.workingDirectory().toFile());
        // Started from one thread that lives as long as the JVM: a sandboxed Lean dies with the
        // thread that started it, and the thread asking now may be a pool's that retires.
        Process process = Sandbox.start(builder);
        ProcessTransport transport = new ProcessTransport(process);
        long pid = process.pid();
        Thread stderrReader = new Thread(() -> readLines(process, process.getErrorStream(), line -> {
            LOG.log(Level.INFO, () -> "lean[" + pid + "] stderr: " + line);
            listener.onStderr(line);
        }), "lean-" + pid + "-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
        Thread stdoutReader = new Thread(() -> readLines(process, process.getInputStream(), line -> {
            LOG.log(Level.FINE, () -> "lean[" + pid + "] <- " + line);
            listener.onLine(line);
        }), "lean-" + pid + "-stdout");
        stdoutReader.setDaemon(true);
        stdoutReader.start();
        Thread exitWatcher = new Thread(() -> {
            ExitStatus status = waitForExit(process);
            // Every line the process wrote is delivered before its exit: the readers get a grace
            // period to drain the pipes. A grandchild holding the pipe open cannot delay the exit
            // report longer than that.
            joinQuietly(stdoutReader, DRAIN_GRACE_MILLIS);
            joinQuietly(stderrReader, DRAIN_GRACE_MILLIS);
            LOG.info(() -> "lean[" + pid + "] exited with " + status.describe());
            listener.onExit(status);
        }, "lean-" + pid + "-exit");
        exitWatcher.setDaemon(true);
        exitWatcher.start();
        LOG.info(() -> "started lean[" + pid + "]: " + String.join(" ", command.argv()) + " in " + command.workingDirectory());
        return transport;
    }

    @Override
    public void send(String line) throws IOException {
        synchronized (writeLock) {
            LOG.log(Level.FINE, () -> "lean[" + process.pid() + "] -> " + line);
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        }
    }

    @Override
    public void closeInput() {
        synchronized (writeLock) {
            try {
                stdin.close();
            } catch (IOException alreadyGone) {
                LOG.log(Level.FINE, "stdin of lean was already closed", alreadyGone);
            }
        }
    }

    @Override
    public void kill() {
        Sandbox.kill(process);
    }

    @Override
    public void close() {
        closeInput();
        try {
            if (!process.waitFor(CLEAN_EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                Sandbox.kill(process);
            }
        } catch (InterruptedException interrupted) {
            Sandbox.kill(process);
            Thread.currentThread().interrupt();
        }
    }

    /** The process id, for logs and for tests that kill Lean from outside. */
    public long pid() {
        return process.pid();
    }

    private static void readLines(Process process, InputStream stream, Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            int read;
            while ((read = reader.read()) >= 0) {
                if (read != '\n') {
                    line.append((char) read);
                    if (line.length() > MAX_LINE_CHARS) {
                        LOG.warning(() -> "lean[" + process.pid() + "] wrote a line of more than " + MAX_LINE_CHARS
                                + " characters; killing it");
                        Sandbox.kill(process);
                        return;
                    }
                    continue;
                }
                int length = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                String complete = line.substring(0, length);
                line.setLength(0);
                try {
                    sink.accept(complete);
                } catch (RuntimeException listenerFailure) {
                    // A bug in a listener must not stop the reader, or every later reply would be lost.
                    LOG.log(Level.WARNING, "listener failed on a line from lean", listenerFailure);
                }
            }
            if (!line.isEmpty()) {
                sink.accept(line.toString());
            }
        } catch (IOException streamClosed) {
            LOG.log(Level.FINE, "lean output stream closed", streamClosed);
        }
    }

    private static void joinQuietly(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExitStatus waitForExit(Process process) {
        try {
            return ExitStatus.fromJavaExitValue(process.waitFor());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return ExitStatus.exited(-1);
        }
    }
}
