package org.lean3assist.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lean3assist.bridge.sandbox.SandboxMode;

/**
 * Every setting of the bridge, immutable, with documented defaults ({@link #defaults()}).
 *
 * @param executablePath         an explicit {@code lean} binary; empty means "find one" (see
 *                               {@link org.lean3assist.bridge.locate.LeanLocator}). Default: empty
 * @param memoryLimitMb          Lean's {@code -M}: memory limit in MB. Default 4096, because the
 *                               server's own default (1024) is hit by ordinary runaway proofs
 *                               before the deterministic timeout
 * @param deterministicTimeout   Lean's {@code -T}: the deterministic timeout in Lean's "ticks".
 *                               Default 100000, the value Lean's server uses when none is given
 * @param threads                Lean's {@code -j}: worker threads; 0 leaves the choice to Lean.
 *                               Default 0
 * @param restartBackoff         how long to wait before restarting a crashed Lean; doubled for each
 *                               further crash in a row. Default 500 ms
 * @param maxRestartBackoff      the cap on that doubling. Default 10 s
 * @param maxConsecutiveRestarts restarts in a row (without a single reply in between) after which
 *                               the bridge gives up and fails every request. Default 5
 * @param trailingMessagesWait   how long to keep reading after the end-of-checking barrier, because
 *                               the last {@code all_messages} may arrive after it (Lean throttles
 *                               them to one per 100 ms). Default 150 ms
 * @param replayConcurrency      how many candidate replays run at once: the size of a project's
 *                               checker pool. Default 2. Measured on a 2-core machine with
 *                               {@code BridgeBench --pools --mathlib DIR} (16 candidates at one site,
 *                               warmed checkers, two runs): core-only, all verdicts 4.1 s with 1
 *                               checker, 0.59–0.61x that with 2, 0.53–0.56x with 3, first verdict
 *                               0.9–1.3 s throughout, 72–75 MB a checker; under
 *                               {@code import data.real.basic}, 28.8–31.1 s with 1, 0.59–0.72x with 2,
 *                               0.75–1.26x with 3 (the first verdict 3.1 s with 1 and 2.5–2.8 s with 2,
 *                               but 5.2–11.6 s with 3, as three Leans share two cores), 515–596 MB a
 *                               checker. Two is the most that still pays on two cores with mathlib,
 *                               and keeps the first verdict soonest; more cores may take more
 * @param replayTimeout          wall-clock limit of one replay, from its sync to "checked".
 *                               Default 30 s
 * @param sandbox                whether checker Leans run in the OS sandbox: {@link SandboxMode#AUTO}
 *                               (where bubblewrap works), {@code REQUIRED} (no replay without it) or
 *                               {@code OFF}. Default AUTO
 * @param checkerIdleTimeout     how long a checker Lean may sit free and unused before it is stopped
 *                               (the next check starts a fresh one). Default 10 minutes: a mathlib
 *                               checker holds hundreds of MB and more (450–630 MB resident right
 *                               after importing {@code tactic} or {@code data.real.basic}, and it
 *                               grows with the imports), while a fresh one costs 4–5 s of importing
 *                               (or a warm-up's background time); ten minutes outlive a pause to
 *                               read or write a proof, and give the memory back soon after a
 *                               session moves on
 */
public record LeanBridgeSettings(Optional<Path> executablePath, int memoryLimitMb, int deterministicTimeout,
                                 int threads, Duration restartBackoff, Duration maxRestartBackoff,
                                 int maxConsecutiveRestarts, Duration trailingMessagesWait, int replayConcurrency,
                                 Duration replayTimeout, SandboxMode sandbox, Duration checkerIdleTimeout) {

    public LeanBridgeSettings {
        if (memoryLimitMb <= 0 || deterministicTimeout <= 0 || threads < 0 || replayConcurrency <= 0
                || maxConsecutiveRestarts < 0) {
            throw new IllegalArgumentException("settings out of range: memoryLimitMb=" + memoryLimitMb
                    + ", deterministicTimeout=" + deterministicTimeout + ", threads=" + threads
                    + ", replayConcurrency=" + replayConcurrency + ", maxConsecutiveRestarts=" + maxConsecutiveRestarts);
        }
        if (sandbox == null) {
            throw new IllegalArgumentException("the sandbox mode is auto, required or off, not missing");
        }
        if (checkerIdleTimeout == null || checkerIdleTimeout.isNegative() || checkerIdleTimeout.isZero()) {
            throw new IllegalArgumentException("a checker's idle timeout is a positive duration, not " + checkerIdleTimeout);
        }
    }

    /** The defaults documented on each component. */
    public static LeanBridgeSettings defaults() {
        return new LeanBridgeSettings(Optional.empty(), 4096, 100_000, 0, Duration.ofMillis(500),
                Duration.ofSeconds(10), 5, Duration.ofMillis(150), 2, Duration.ofSeconds(30), SandboxMode.AUTO,
                Duration.ofMinutes(10));
    }

    /** The arguments after the executable: {@code --server -M … -T … [-j …]}. */
    public List<String> serverArguments() {
        List<String> arguments = new ArrayList<>(List.of("--server", "-M", Integer.toString(memoryLimitMb),
                "-T", Integer.toString(deterministicTimeout)));
        if (threads > 0) {
            arguments.addAll(List.of("-j", Integer.toString(threads)));
        }
        return arguments;
    }

    public LeanBridgeSettings withExecutablePath(Path path) {
        return new LeanBridgeSettings(Optional.of(path), memoryLimitMb, deterministicTimeout, threads, restartBackoff,
                maxRestartBackoff, maxConsecutiveRestarts, trailingMessagesWait, replayConcurrency, replayTimeout, sandbox,
                checkerIdleTimeout);
    }

    public LeanBridgeSettings withLimits(int memoryLimitMb, int deterministicTimeout, int threads) {
        return new LeanBridgeSettings(executablePath, memoryLimitMb, deterministicTimeout, threads, restartBackoff,
                maxRestartBackoff, maxConsecutiveRestarts, trailingMessagesWait, replayConcurrency, replayTimeout, sandbox,
                checkerIdleTimeout);
    }

    public LeanBridgeSettings withRestartBackoff(Duration first, Duration max, int maxConsecutive) {
        return new LeanBridgeSettings(executablePath, memoryLimitMb, deterministicTimeout, threads, first, max,
                maxConsecutive, trailingMessagesWait, replayConcurrency, replayTimeout, sandbox,
                checkerIdleTimeout);
    }

    public LeanBridgeSettings withTrailingMessagesWait(Duration wait) {
        return new LeanBridgeSettings(executablePath, memoryLimitMb, deterministicTimeout, threads, restartBackoff,
                maxRestartBackoff, maxConsecutiveRestarts, wait, replayConcurrency, replayTimeout, sandbox,
                checkerIdleTimeout);
    }

    public LeanBridgeSettings withReplay(int concurrency, Duration timeout) {
        return new LeanBridgeSettings(executablePath, memoryLimitMb, deterministicTimeout, threads, restartBackoff,
                maxRestartBackoff, maxConsecutiveRestarts, trailingMessagesWait, concurrency, timeout, sandbox,
                checkerIdleTimeout);
    }

    public LeanBridgeSettings withSandbox(SandboxMode mode) {
        return new LeanBridgeSettings(executablePath, memoryLimitMb, deterministicTimeout, threads, restartBackoff,
                maxRestartBackoff, maxConsecutiveRestarts, trailingMessagesWait, replayConcurrency, replayTimeout, mode,
                checkerIdleTimeout);
    }

    public LeanBridgeSettings withCheckerIdleTimeout(Duration idleTimeout) {
        return new LeanBridgeSettings(executablePath, memoryLimitMb, deterministicTimeout, threads, restartBackoff,
                maxRestartBackoff, maxConsecutiveRestarts, trailingMessagesWait, replayConcurrency, replayTimeout, sandbox,
                idleTimeout);
    }
}
