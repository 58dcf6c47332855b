package org.lean3assist.engine.prove;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.bridge.verify.VerifyRequest;
import org.lean3assist.engine.Cancellation;

/**
 * The search's checker on a project's {@link Verifier}: the prefix and each candidate, joined
 * by commas, are one candidate replayed at the site of one document version. Everything the
 * verifier guarantees holds for every step: the safety filter sees the whole joined text (so its
 * length limit bounds a proof's length), and replays run on checker Leans in the sandbox with
 * their time limit.
 */
public final class VerifierSteps implements StepChecker {

    private static final long POLL_MILLIS = 50;

    private final Verifier verifier;
    private final Path file;
    private final int version;
    private final String content;
    private final LeanPosition site;

    public VerifierSteps(Verifier verifier, Path file, int version, String content, LeanPosition site) {
        this.verifier = verifier;
        this.file = file;
        this.version = version;
        this.content = content;
        this.site = site;
    }

    @Override
    public List<ReplayResult> check(List<String> prefix, List<String> candidates, Cancellation cancellation) {
        String before = prefix.isEmpty() ? "" : String.join(", ", prefix) + ", ";
        List<String> joined = candidates.stream().map(candidate -> before + candidate).toList();
        CompletableFuture<List<ReplayResult>> replays = verifier.verify(new VerifyRequest(file, version, content, site, joined));
        while (true) {
            if (cancellation.isCancelled()) {
                // The replays already started end by themselves, within the replay timeout.
                throw new CancellationException("the proof search was cancelled");
            }
            try {
                return replays.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // keep waiting
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException failed) {
                Throwable cause = failed.getCause();
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
        }
    }
}
