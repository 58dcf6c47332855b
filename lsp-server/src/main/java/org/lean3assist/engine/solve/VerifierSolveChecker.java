package org.lean3assist.engine.solve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.SafetyVerdict;
import org.lean3assist.bridge.verify.StatementChecker;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.bridge.verify.VerifyRequest;
import org.lean3assist.model.solve.ArithmeticClaim;
import org.lean3assist.model.solve.LeanSolution;

/**
 * Checks a solution's claims and its Lean 3 on a project's {@link Verifier}: each proposition becomes a theorem of
 * the product's own name, after the context, with {@code sorry} as its proof, and the proof (for a claim,
 * {@code norm_num}; for a refutation, {@code norm_num} on its negation; for the model's Lean, its tactics) is replayed
 * there as a candidate, under every rule of the verifier: {@link ClaimVerdict#PROVED} is its "closes the goal".
 *
 * <p>The proposition becomes part of the text the candidate is replayed after, so it is screened first, as a
 * formalized statement is ({@link StatementChecker#screen}); a claim's proposition is moreover written by the
 * arithmetic grammar from its parse, never copied from the model's text.
 */
public final class VerifierSolveChecker implements SolveChecker {

    /** The name every checked proposition is declared under. */
    public static final String THEOREM_NAME = "lean3assist_solve_check";
    /** The tactic that proves or refutes an arithmetic claim; only where the context has it. */
    public static final String ARITHMETIC_TACTIC = "norm_num";
    private static final long WAIT_MINUTES = 10;

    private final Verifier verifier;
    private final Path anchor;
    private final int version;
    private final String context;
    private final Set<String> contextTactics;
    private final String confinement;
    /** Each proposition's proof and refutation, asked once per solve (this checker's life). */
    private final Map<String, CompletableFuture<Outcome>> proofs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Outcome>> refutations = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param anchor         the file the checks are beside (never written)
     * @param version        the version of the anchor's document, when the editor has it open (else any)
     * @param context        the trusted text the propositions are checked after: a file's text, or its imports
     * @param contextTactics the mathlib tactics Lean said the context has
     */
    public VerifierSolveChecker(Verifier verifier, Path anchor, int version, String context, Set<String> contextTactics,
                                String confinement) {
        this.verifier = verifier;
        this.anchor = anchor;
        this.version = version;
        this.context = context;
        this.contextTactics = Set.copyOf(contextTactics);
        this.confinement = confinement;
    }

    /** The declaration a proposition is checked as. */
    public static String theorem(String proposition) {
        return "theorem " + THEOREM_NAME + " " + proposition.strip() + " :=";
    }

    @Override
    public Optional<String> unavailable() {
        return contextTactics.contains(ARITHMETIC_TACTIC) ? Optional.empty()
                : Optional.of("Lean says this context has no mathlib '" + ARITHMETIC_TACTIC + "', which checks the "
                        + "arithmetic over ℚ: solve in a mathlib project (or from a file of one)");
    }

    @Override
    public String confinement() {
        return confinement;
    }

    @Override
    public List<CheckedClaim> claims(List<ArithmeticClaim> claims) {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            return claims.stream().map(claim -> CheckedClaim.unchecked(claim, why.get())).toList();
        }
        // One check per distinct proposition for the whole solve: samples repeat each other's arithmetic. A
        // solution's proofs are asked at once, then the refutations of those that failed, at once.
        claims.forEach(claim -> proofs.computeIfAbsent(claim.lean(), proposition -> replay(": " + proposition, ARITHMETIC_TACTIC)));
        for (ArithmeticClaim claim : claims) {
            if (await(proofs.get(claim.lean())).verdict() != ClaimVerdict.PROVED) {
                refutations.computeIfAbsent(claim.lean(), proposition -> replay(": ¬ (" + proposition + ")", ARITHMETIC_TACTIC));
            }
        }
        List<CheckedClaim> checked = new ArrayList<>();
        for (ArithmeticClaim claim : claims) {
            Outcome proof = await(proofs.get(claim.lean()));
            Outcome outcome = proof;
            if (proof.verdict() != ClaimVerdict.PROVED) {
                Outcome refutation = await(refutations.get(claim.lean()));
                outcome = refutation.verdict() == ClaimVerdict.PROVED
                        ? new Outcome(ClaimVerdict.REFUTED, Optional.of("Lean proved its negation"))
                        : proof;
            }
            checked.add(new CheckedClaim(claim, outcome.verdict(), outcome.message()));
        }
        return checked;
    }

    @Override
    public LeanCheck lean(LeanSolution solution) {
        Outcome outcome = await(replay(solution.proposition(), solution.tactics()));
        String theorem = theorem(solution.proposition()) + "\nbegin\n  " + solution.tactics() + "\nend";
        return new LeanCheck(theorem, outcome.verdict(), outcome.message());
    }

    private record Outcome(ClaimVerdict verdict, Optional<String> message) {
    }

    /** The replay of {@code tactics} as the proof of {@code proposition}, after the context. */
    private CompletableFuture<Outcome> replay(String proposition, String tactics) {
        String declaration = theorem(proposition);
        SafetyVerdict screened = StatementChecker.screen(declaration);
        if (!screened.accepted()) {
            return CompletableFuture.completedFuture(new Outcome(ClaimVerdict.UNPROVED,
                    Optional.of("not sent to Lean: " + screened.rejection().orElse("unsafe"))));
        }
        String prefix = context.isBlank() ? "" : context.stripTrailing() + "\n\n";
        String content = prefix + declaration + "\nbegin\n  sorry\nend\n";
        int sorryLine = (int) prefix.chars().filter(c -> c == '\n').count() + 3;
        VerifyRequest request = new VerifyRequest(anchor, version, content, new LeanPosition(sorryLine, 2), List.of(tactics));
        return verifier.verify(request).handle((results, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                return new Outcome(ClaimVerdict.UNCHECKED, Optional.of("Lean could not check it: " + cause.getMessage()));
            }
            return outcome(results.get(0));
        });
    }

    private static Outcome outcome(ReplayResult result) {
        if (result.verdict() == Verdict.CLOSES_GOAL) {
            return new Outcome(ClaimVerdict.PROVED, Optional.empty());
        }
        String why = switch (result.verdict()) {
            case PROGRESS -> "Lean did not prove it: goals remain after the proof"
                    + result.goalsAfter().map(goals -> ": " + shortened(goals.render())).orElse("");
            case USES_SORRY -> "the proof uses sorry";
            case TIMEOUT -> "Lean ran out of time: " + result.explanation().orElse("");
            case REJECTED -> "not sent to Lean: " + result.explanation().orElse("refused by the safety filter");
            default -> result.explanation().orElse("Lean refused it");
        };
        return new Outcome(ClaimVerdict.UNPROVED, Optional.of(why.strip()));
    }

    /** Lean's rendering of the goals left, on one line and at most {@link #LEFT_GOALS_CHARS} characters. */
    static String shortened(String goals) {
        String line = goals.strip().replaceAll("\\s+", " ");
        return line.length() <= LEFT_GOALS_CHARS ? line : line.substring(0, LEFT_GOALS_CHARS - 1) + "…";
    }

    private static final int LEFT_GOALS_CHARS = 200;

    private static Outcome await(CompletableFuture<Outcome> outcome) {
        try {
            return outcome.get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(ClaimVerdict.UNCHECKED, Optional.of("interrupted"));
        } catch (ExecutionException | TimeoutException e) {
            return new Outcome(ClaimVerdict.UNCHECKED, Optional.of("Lean did not answer: " + e.getMessage()));
        }
    }
}
