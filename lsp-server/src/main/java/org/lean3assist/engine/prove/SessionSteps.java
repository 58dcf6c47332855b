package org.lean3assist.engine.prove;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.TacticSession;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Cancellation;

/**
 * The search's explorer on {@link TacticSession}s: each node's state is a value in a session, so
 * a step costs only the tactic, not a replay of the file and the proof so far. Its "closes the
 * goal" is a lead ({@link ProofSearch} confirms every proof with a replay of the whole text).
 *
 * <p>With several sessions (lanes), an expansion's candidates are dealt out among them and run at
 * once; a lane that has not seen the node runs the node's steps first, once, and keeps the state.
 * A lane whose session ends (its Lean died, or a step ran past the watchdog) opens another, at most
 * once per expansion, and runs the steps to the node again there; when it cannot, the rest of its
 * candidates are judged {@code INVALID} with the reason.
 */
public final class SessionSteps implements StepChecker, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionSteps.class.getName());

    /** Opens a session at the search's site. */
    @FunctionalInterface
    public interface Opener {
        TacticSession open() throws IOException;
    }

    private final Opener opener;
    private final List<Lane> lanes = new ArrayList<>();
    private final ExecutorService threads;
    private final AtomicInteger opened = new AtomicInteger();

    /** Explores in {@code sessions} (at least one), and in sessions from {@code opener} when one ends. */
    public SessionSteps(List<TacticSession> sessions, Opener opener) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("a session explorer needs a session");
        }
        this.opener = opener;
        sessions.forEach(session -> lanes.add(new Lane(session)));
        opened.set(sessions.size());
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(sessions.size(), runnable -> {
            Thread thread = new Thread(runnable, "search-session-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<ReplayResult> check(List<String> prefix, List<String> candidates, Cancellation cancellation) {
        List<List<Integer>> dealt = new ArrayList<>();
        lanes.forEach(lane -> dealt.add(new ArrayList<>()));
        for (int index = 0; index < candidates.size(); index++) {
            dealt.get(index % lanes.size()).add(index);
        }
        List<CompletableFuture<List<ReplayResult>>> running = new ArrayList<>();
        for (int lane = 0; lane < lanes.size(); lane++) {
            Lane on = lanes.get(lane);
            List<Integer> indices = dealt.get(lane);
            if (!indices.isEmpty()) {
                running.add(CompletableFuture.supplyAsync(() -> on.check(prefix, candidates, indices, cancellation), threads));
            }
        }
        List<ReplayResult> results = new ArrayList<>();
        try {
            for (CompletableFuture<List<ReplayResult>> lane : running) {
                results.addAll(lane.join());
            }
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw failed;
        }
        results.sort(Comparator.comparingInt(ReplayResult::index));
        return results;
    }

    @Override
    public String describe() {
        return "session";
    }

    /** How many sessions this explorer has opened, the first ones included. */
    public int sessionsOpened() {
        return opened.get();
    }

    @Override
    public void close() {
        threads.shutdownNow();
        for (Lane lane : lanes) {
            lane.close();
        }
    }

    /** One session and the states it holds, per proof prefix. */
    private final class Lane {
        private TacticSession session;
        private final Map<List<String>, Integer> states = new HashMap<>();

        Lane(TacticSession session) {
            this.session = session;
            states.put(List.of(), 0);
        }

        synchronized List<ReplayResult> check(List<String> prefix, List<String> candidates, List<Integer> indices,
                                              Cancellation cancellation) {
            List<ReplayResult> results = new ArrayList<>();
            boolean reopened = false;
            for (int at = 0; at < indices.size(); at++) {
                if (cancellation.isCancelled()) {
                    throw new CancellationException("the proof search was cancelled");
                }
                int index = indices.get(at);
                String candidate = candidates.get(index);
                try {
                    int from = stateOf(prefix);
                    TacticSession.Step step = session.step(from, candidate);
                    if (step.state().isPresent()) {
                        List<String> path = new ArrayList<>(prefix);
                        path.add(candidate);
                        states.put(List.copyOf(path), step.state().getAsInt());
                    }
                    results.add(result(index, candidate, step));
                } catch (IllegalArgumentException unreachable) {
                    invalidRest(results, candidates, indices, at, unreachable.getMessage());
                    return results;
                } catch (IllegalStateException ended) {
                    Optional<String> problem = reopened ? Optional.of("the session ended twice in one expansion: "
                            + ended.getMessage()) : reopen(ended.getMessage());
                    reopened = true;
                    if (problem.isPresent()) {
                        invalidRest(results, candidates, indices, at, problem.get());
                        return results;
                    }
                    at--; // this candidate again, in the new session
                }
            }
            return results;
        }

        /** The state of {@code prefix} here, running its steps where it is not known. */
        private int stateOf(List<String> prefix) {
            Integer known = states.get(prefix);
            if (known != null) {
                return known;
            }
            int longest = prefix.size() - 1;
            while (longest > 0 && !states.containsKey(prefix.subList(0, longest))) {
                longest--;
            }
            int done = Math.max(longest, 0);
            int state = states.get(List.copyOf(prefix.subList(0, done)));
            for (int step = done; step < prefix.size(); step++) {
                TacticSession.Step ran = session.step(state, prefix.get(step));
                if (ran.state().isEmpty()) {
                    throw new IllegalArgumentException("the step '" + prefix.get(step) + "' that reached this node fails"
                            + " in another session: " + ran.explanation().orElse(ran.outcome().toString()));
                }
                state = ran.state().getAsInt();
                states.put(List.copyOf(prefix.subList(0, step + 1)), state);
            }
            return state;
        }

        private Optional<String> reopen(String why) {
            LOG.info(() -> "a search's tactic session ended (" + why + "); opening another");
            session.close();
            states.clear();
            try {
                session = opener.open();
                opened.incrementAndGet();
                states.put(List.of(), 0);
                return Optional.empty();
            } catch (IOException | RuntimeException failed) {
                return Optional.of("the tactic session ended (" + why + ") and another could not be opened: "
                        + failed.getMessage());
            }
        }

        synchronized void close() {
            session.close();
        }
    }

    private static void invalidRest(List<ReplayResult> results, List<String> candidates, List<Integer> indices, int from,
                                    String why) {
        for (int rest = from; rest < indices.size(); rest++) {
            int index = indices.get(rest);
            results.add(new ReplayResult(index, candidates.get(index), Verdict.INVALID, Optional.empty(), Optional.of(why),
                    List.of(), Duration.ZERO));
        }
    }

    private static ReplayResult result(int index, String candidate, TacticSession.Step step) {
        Verdict verdict = switch (step.outcome()) {
            case NO_GOALS -> Verdict.CLOSES_GOAL;
            case GOALS -> Verdict.PROGRESS;
            case FAILED -> Verdict.INVALID;
            case TIMEOUT -> Verdict.TIMEOUT;
            case REFUSED -> Verdict.REJECTED;
        };
        return new ReplayResult(index, candidate, verdict, verdict == Verdict.PROGRESS ? step.goals() : Optional.empty(),
                step.explanation(), List.of(), step.elapsed());
    }
}
