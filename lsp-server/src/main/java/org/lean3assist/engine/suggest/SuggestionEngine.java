package org.lean3assist.engine.suggest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.bridge.verify.VerifyRequest;

/**
 * Gathers candidates from every source (the model first, then the portfolio), merges and
 * deduplicates them, has Lean replay each, and returns them ranked: closes the goal, then progress,
 * then the rest. A source that fails is logged and skipped; the others still count.
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
     * Every candidate with its verdict, ranked. Completes exceptionally with
     * {@link CancellationException} when {@code cancelled} turns true or the document changes.
     */
    public CompletableFuture<List<Suggestion>> suggest(Verifier verifier, Request request, BooleanSupplier cancelled) {
        return suggest(verifier, request, cancelled, suggestion -> { });
    }

    /**
     * The same, telling {@code onJudged} each suggestion as soon as Lean has judged it (see
     * {@link Verifier#verify(VerifyRequest, java.util.function.Consumer)}), so the caller can show
     * the verified ones while the others still replay.
     */
    public CompletableFuture<List<Suggestion>> suggest(Verifier verifier, Request request, BooleanSupplier cancelled,
                                                       Consumer<Suggestion> onJudged) {
        return CompletableFuture.supplyAsync(() -> gather(request.goal(), cancelled), executor)
                .thenCompose(candidates -> {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("the suggestion request was cancelled");
                    }
                    if (candidates.isEmpty()) {
                        return CompletableFuture.completedFuture(List.of());
                    }
                    var tactics = new ArrayList<>(candidates.keySet());
                    var verifyRequest = new VerifyRequest(request.file(), request.documentVersion(), request.content(),
                            request.position(), tactics);
                    return verifier.verify(verifyRequest, result -> toSuggestion(result, candidates, request.goal())
                                    .ifPresent(onJudged))
                            .thenApply(results -> results.stream()
                                    .flatMap(result -> toSuggestion(result, candidates, request.goal()).stream())
                                    .toList());
                });
    }

    /** Candidates by normalised text, each with the first source that proposed it. */
    Map<String, String> gather(GoalAtPosition goal, BooleanSupplier cancelled) {
        Map<String, String> sourceByTactic = new LinkedHashMap<>();
        for (CandidateSource source : sources) {
            if (cancelled.getAsBoolean() || sourceByTactic.size() >= maxCandidates) {
                break;
            }
            List<String> proposed;
            try {
                proposed = source.candidates(goal, maxCandidates, cancelled);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the " + source.name() + " source failed; using the others", e);
                continue;
            }
            for (String candidate : proposed) {
                String tactic = normalise(candidate);
                if (!tactic.isEmpty() && sourceByTactic.size() < maxCandidates) {
                    sourceByTactic.putIfAbsent(tactic, source.name());
                }
            }
        }
        return sourceByTactic;
    }

    /** One line, single spaces, no trailing comma: the form the verifier appends {@code ,} to. */
    static String normalise(String candidate) {
        String tactic = candidate.strip().replaceAll("\\s+", " ");
        while (tactic.endsWith(",")) {
            tactic = tactic.substring(0, tactic.length() - 1).stripTrailing();
        }
        return tactic;
    }

    /** The suggestion of one result; empty for "progress" that leaves the goals exactly as they were. */
    private static Optional<Suggestion> toSuggestion(ReplayResult result, Map<String, String> sourceByTactic,
                                                     GoalAtPosition before) {
        // A tactic that leaves the goals exactly as they were (`skip`, a no-op `simp at *`) is not progress.
        if (result.verdict() == Verdict.PROGRESS && result.goalsAfter().isPresent()
                && result.goalsAfter().get().render().equals(before.rawState())) {
            return Optional.empty();
        }
        return Optional.of(new Suggestion(result.candidate(), result.verdict(), result.goalsAfter(),
                result.explanation(), sourceByTactic.getOrDefault(result.candidate(), "unknown")));
    }
}
