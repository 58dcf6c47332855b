package org.lean3assist.engine.suggest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.bridge.verify.VerifyRequest;
import org.lean3assist.engine.Cancellation;

/**
 * Gathers candidates from every source (the model first, then the portfolio), merges and
 * deduplicates them, has Lean replay each, and returns them ranked by {@link Suggestion#BEST_FIRST}.
 * A source that fails is logged and skipped; the others still count.
 */
public final class SuggestionEngine {

    private static final Logger LOG = Logger.getLogger(SuggestionEngine.class.getName());

    private final List<CandidateSource> sources;
    private final int maxCandidates;
    private final Executor executor;

    /**
     * @param sources       where candidates come from, in priority order
     * @param maxCandidates how many distinct candidates are replayed at most (each costs a replay)
     * @param executor      runs the sources, which may block (the model decodes on the calling thread)
     */
    public SuggestionEngine(List<CandidateSource> sources, int maxCandidates, Executor executor) {
        this.sources = List.copyOf(sources);
        this.maxCandidates = maxCandidates;
        this.executor = executor;
    }

    /** What to verify: a document at a version, a position in a tactic block, and the goal there. */
    public record Request(Path file, int documentVersion, String content, LeanPosition position, GoalAtPosition goal) {}

    /**
     * Every candidate with its verdict, ranked, telling {@code onJudged} each suggestion as soon as
     * Lean has judged it (see {@link Verifier#verify(VerifyRequest, java.util.function.Consumer)}).
     * Completes exceptionally with {@link CancellationException} when {@code cancellation} says so
     * before the replays start; the verifier cancels replays of a document version that is gone.
     */
    public CompletableFuture<List<Suggestion>> suggest(Verifier verifier, Request request, Cancellation cancellation,
                                                       Consumer<Suggestion> onJudged) {
        return CompletableFuture.supplyAsync(() -> gather(request.goal(), cancellation), executor)
                .thenCompose(candidates -> {
                    if (cancellation.isCancelled()) {
                        throw new CancellationException("the suggestion request was cancelled");
                    }
                    return judge(verifier, new VerifyRequest(request.file(), request.documentVersion(), request.content(),
                            request.position(), List.copyOf(candidates.keySet())), candidates, onJudged);
                });
    }

    /**
     * Lean's verdicts on the candidates of {@code request} (already normalised and distinct, each
     * with its source in {@code candidates}), ranked, each told to {@code onJudged} as it comes:
     * what {@link #suggest} does after gathering, and what the command line's {@code verify} does
     * with the user's tactics.
     */
    public static CompletableFuture<List<Suggestion>> judge(Verifier verifier, VerifyRequest request,
                                                            Map<String, Suggestion.Source> candidates,
                                                            Consumer<Suggestion> onJudged) {
        if (request.candidates().isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return verifier.verify(request, result -> onJudged.accept(toSuggestion(result, candidates)))
                .thenApply(results -> results.stream()
                        .map(result -> toSuggestion(result, candidates))
                        .sorted(Suggestion.BEST_FIRST)
                        .toList());
    }

    /** Candidates by normalised text, each with the first source that proposed it, in the order proposed. */
    Map<String, Suggestion.Source> gather(GoalAtPosition goal, Cancellation cancellation) {
        Map<String, Suggestion.Source> sourceByTactic = new LinkedHashMap<>();
        for (CandidateSource source : sources) {
            if (cancellation.isCancelled() || sourceByTactic.size() >= maxCandidates) {
                break;
            }
            List<String> proposed;
            try {
                proposed = source.candidates(goal, maxCandidates, cancellation);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the " + source.source().wire() + " source failed; using the others", e);
                continue;
            }
            for (String candidate : proposed) {
                String tactic = normalise(candidate);
                if (!tactic.isEmpty() && sourceByTactic.size() < maxCandidates) {
                    sourceByTactic.putIfAbsent(tactic, source.source());
                }
            }
        }
        return sourceByTactic;
    }

    /** One line, single spaces, no trailing comma: the form the verifier appends {@code ,} to. */
    public static String normalise(String candidate) {
        String tactic = candidate.strip().replaceAll("\\s+", " ");
        while (tactic.endsWith(",")) {
            tactic = tactic.substring(0, tactic.length() - 1).stripTrailing();
        }
        return tactic;
    }

    private static Suggestion toSuggestion(ReplayResult result, Map<String, Suggestion.Source> sourceByTactic) {
        return new Suggestion(result.candidate(), result.verdict(), result.goalsAfter(), result.explanation(),
                sourceByTactic.getOrDefault(result.candidate(), Suggestion.Source.GIVEN), result.index());
    }
}
