package org.lean3assist.engine.prove;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.suggest.SuggestionEngine;

/**
 * Best-first search over tactic states, as lean-gym and GPT-f search.
 *
 * <p>A node is the list of goals Lean reports after a proof prefix. Expanding a node asks every
 * {@link StepSource} for steps, and Lean (a {@link StepChecker}) replays the prefix followed by
 * each step. A step that closes the goal is a proof candidate; one that makes progress gives a child
 * node with the goals it leaves. States are compared by their normalized printed form: a step that
 * leaves the state unchanged is dropped (the verifier already calls it INVALID), and a state seen
 * before is not queued twice. The frontier is ordered by the sum of the steps' log-priors (a model's
 * log-probabilities, the portfolio's fixed priors), then by fewer goals, then by age.
 *
 * <p>A proof is reported only after the exact text that will be inserted, formatted for the block,
 * has been replayed by itself and Lean said the whole declaration closes with it (no error, no
 * {@code sorry}, no new axiom: the verifier's CLOSES_GOAL). The search stops at the first such
 * proof, when the frontier is empty, when a budget (expansions, wall time) is spent, or when
 * cancelled.
 */
public final class ProofSearch {

    private static final Logger LOG = Logger.getLogger(ProofSearch.class.getName());

    /**
     * What a search may spend.
     *
     * @param maxExpansions  nodes expanded at most
     * @param wallTime       time at most, checked before each expansion
     * @param stepsPerNode   distinct steps tried per node at most (each costs a replay)
     */
    public record Budget(int maxExpansions, Duration wallTime, int stepsPerNode) {
        public Budget {
            if (maxExpansions < 1 || stepsPerNode < 1 || wallTime.isNegative() || wallTime.isZero()) {
                throw new IllegalArgumentException("a budget allows at least one expansion of one step in some time");
            }
        }
    }

    /** How far a search got. */
    public record Figures(int expansions, int replays, int nodes, int maxDepth, Duration elapsed, String checking) {}

    /** What a running search has done so far: its figures, and the best state reached. */
    public record Progress(Figures figures, List<String> bestSteps, GoalState bestState) {}

    /**
     * A proof Lean accepted.
     *
     * @param steps the tactics in order
     * @param text  what to insert at the site in place of the rest of the block: exactly the text Lean checked
     */
    public record Proof(List<String> steps, String text) {}

    /** Why a search ended. */
    public enum Stop {
        PROVED, EXHAUSTED, EXPANSIONS, TIME, CANCELLED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A search's result.
     *
     * @param proof     the proof, when one was found and checked whole
     * @param bestSteps the steps to the best state reached (fewest goals, then any step over none, then the best prior)
     * @param bestState the goals left there (the initial state when nothing made progress)
     * @param stop      why the search ended
     * @param figures   what it spent
     */
    public record Outcome(Optional<Proof> proof, List<String> bestSteps, GoalState bestState, Stop stop, Figures figures) {}

    private record Node(List<String> steps, GoalState state, double score, long order) {
        int depth() {
            return steps.size();
        }
    }

    private static final Comparator<Node> BEST_FIRST = Comparator.comparingDouble((Node node) -> -node.score())
            .thenComparingInt(node -> node.state().goals().size())
            .thenComparingLong(Node::order);

    /** The best partial state: fewest goals, then any progress over none, then the most likely. */
    private static final Comparator<Node> BEST_REACHED = Comparator.comparingInt((Node node) -> node.state().goals().size())
            .thenComparing(node -> node.steps().isEmpty())
            .thenComparingDouble(node -> -node.score())
            .thenComparingLong(Node::order);

    private final StepChecker checker;
    private final StepChecker confirmer;
    private final List<StepSource> sources;
    private final LongSupplier clock;

    /**
     * @param checker replays steps at the site
     * @param sources where steps come from, in priority order (a step two sources propose keeps the first's prior)
     */
    public ProofSearch(StepChecker checker, List<StepSource> sources) {
        this(checker, checker, sources, System::nanoTime);
    }

    /**
     * A search that explores with one checker and confirms with another: {@code explorer}'s
     * "closes the goal" is a lead, and a proof is reported only when {@code confirmer} closes the goal
     * with the whole text to insert. The explorer may be fast and approximate (a
     * {@link SessionSteps}); the confirmer is the verifier's replay ({@link VerifierSteps}).
     */
    public ProofSearch(StepChecker explorer, StepChecker confirmer, List<StepSource> sources) {
        this(explorer, confirmer, sources, System::nanoTime);
    }

    ProofSearch(StepChecker checker, List<StepSource> sources, LongSupplier clock) {
        this(checker, checker, sources, clock);
    }

    ProofSearch(StepChecker explorer, StepChecker confirmer, List<StepSource> sources, LongSupplier clock) {
        this.checker = explorer;
        this.confirmer = confirmer;
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    /**
     * Searches from {@code initial}, the goals at the site.
     *
     * @param onProgress told after each expansion (on the searching thread)
     */
    public Outcome search(GoalState initial, Budget budget, Cancellation cancellation,
                          Consumer<Progress> onProgress) {
        long started = clock.getAsLong();
        long deadline = started + budget.wallTime().toNanos();
        PriorityQueue<Node> frontier = new PriorityQueue<>(BEST_FIRST);
        Set<String> seen = new HashSet<>();
        long[] order = {0};
        Node root = new Node(List.of(), initial, 0, order[0]++);
        Node best = root;
        frontier.add(root);
        seen.add(key(initial));
        int expansions = 0;
        int replays = 0;
        int nodes = 1;
        int maxDepth = 0;
        Stop stop = Stop.EXHAUSTED;
        Optional<Proof> proof = Optional.empty();
        search:
        while (!frontier.isEmpty()) {
            if (cancellation.isCancelled()) {
                stop = Stop.CANCELLED;
                break;
            }
            if (expansions >= budget.maxExpansions()) {
                stop = Stop.EXPANSIONS;
                break;
            }
            if (clock.getAsLong() >= deadline) {
                stop = Stop.TIME;
                break;
            }
            Node node = frontier.poll();
            expansions++;
            List<Step> steps = gather(node.state(), node.depth(), budget.stepsPerNode(), cancellation);
            if (steps.isEmpty()) {
                continue;
            }
            List<ReplayResult> results;
            // The wall-time budget holds inside an expansion too: a slow tactic does not stretch it.
            Cancellation inTime = cancellation.or(() -> clock.getAsLong() >= deadline);
            try {
                results = checker.check(node.steps(), steps.stream().map(Step::tactic).toList(), inTime);
            } catch (CancellationException cancelled) {
                stop = cancellation.isCancelled() ? Stop.CANCELLED : Stop.TIME;
                break;
            }
            replays += steps.size();
            List<Node> closing = new ArrayList<>();
            for (ReplayResult result : results) {
                Step step = steps.get(result.index());
                List<String> path = append(node.steps(), step.tactic());
                Node child = new Node(path, GoalState.NO_GOALS, node.score() + step.logPrior(), order[0]++);
                if (result.verdict() == Verdict.CLOSES_GOAL) {
                    closing.add(child);
                } else if (result.verdict() == Verdict.PROGRESS && result.goalsAfter().isPresent()
                        && !result.goalsAfter().get().isSolved()) {
                    GoalState after = result.goalsAfter().get();
                    if (seen.add(key(after))) {
                        Node next = new Node(path, after, child.score(), child.order());
                        frontier.add(next);
                        nodes++;
                        maxDepth = Math.max(maxDepth, next.depth());
                        if (BEST_REACHED.compare(next, best) < 0) {
                            best = next;
                        }
                    }
                }
            }
            closing.sort(BEST_FIRST);
            for (Node candidate : closing) {
                maxDepth = Math.max(maxDepth, candidate.depth());
                try {
                    proof = confirmed(candidate.steps(), cancellation);
                } catch (CancellationException cancelled) {
                    stop = Stop.CANCELLED;
                    break search;
                }
                replays++;
                if (proof.isPresent()) {
                    best = candidate;
                    stop = Stop.PROVED;
                    break search;
                }
            }
            tell(onProgress, new Progress(figures(expansions, replays, nodes, maxDepth, started), best.steps(), best.state()));
        }
        Figures figures = figures(expansions, replays, nodes, maxDepth, started);
        return new Outcome(proof, best.steps(), best.state(), stop, figures);
    }

    /**
     * The text to insert for {@code steps}: one line, the steps joined by {@code ", "}. The safety
     * filter takes a candidate only on one line (a new line could start a command), so this is the
     * form Lean checks, and the text inserted is exactly the text checked.
     */
    public static String format(List<String> steps) {
        return String.join(", ", steps);
    }

    /** The proof, when Lean closes the goal with exactly the text to insert, by itself. */
    private Optional<Proof> confirmed(List<String> steps, Cancellation cancellation) {
        String text = format(steps);
        List<ReplayResult> whole = confirmer.check(List.of(), List.of(text), cancellation);
        if (whole.size() == 1 && whole.get(0).verdict() == Verdict.CLOSES_GOAL) {
            return Optional.of(new Proof(steps, text));
        }
        LOG.info(() -> "a proof that closed step by step was refused whole: " + steps + " ("
                + (whole.isEmpty() ? "no answer" : whole.get(0).verdict() + " " + whole.get(0).explanation().orElse("")) + ")");
        return Optional.empty();
    }

    private List<Step> gather(GoalState state, int depth, int limit, Cancellation cancellation) {
        Map<String, Step> byTactic = new LinkedHashMap<>();
        for (StepSource source : sources) {
            if (cancellation.isCancelled()) {
                break;
            }
            List<Step> proposed;
            try {
                proposed = source.steps(state, depth, cancellation);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a step source failed; using the others", e);
                continue;
            }
            for (Step step : proposed) {
                String tactic = SuggestionEngine.normalise(step.tactic());
                if (!tactic.isEmpty()) {
                    byTactic.putIfAbsent(tactic, new Step(tactic, step.logPrior(), step.source()));
                }
            }
        }
        // The most likely first: the budget per node keeps the best of every source.
        return byTactic.values().stream()
                .sorted(Comparator.comparingDouble(Step::logPrior).reversed())
                .limit(limit)
                .toList();
    }

    /** A state's normalized printed form: Lean's rendering with runs of white space made one space. */
    static String key(GoalState state) {
        return state.render().strip().replaceAll("\\s+", " ");
    }

    private static List<String> append(List<String> steps, String step) {
        List<String> path = new ArrayList<>(steps);
        path.add(step);
        return List.copyOf(path);
    }

    private Figures figures(int expansions, int replays, int nodes, int maxDepth, long started) {
        return new Figures(expansions, replays, nodes, maxDepth, Duration.ofNanos(clock.getAsLong() - started),
                checker.describe());
    }

    private static void tell(Consumer<Progress> listener, Progress progress) {
        try {
            listener.accept(progress);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a search progress listener failed", e);
        }
    }
}
