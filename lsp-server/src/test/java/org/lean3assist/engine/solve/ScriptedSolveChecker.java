package org.lean3assist.engine.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lean3assist.model.solve.Arithmetic;
import org.lean3assist.model.solve.ArithmeticClaim;
import org.lean3assist.model.solve.LeanSolution;

/**
 * A stand-in for Lean in solve tests (no Lean runs in CI): a claim is proved when exact arithmetic agrees and refuted
 * otherwise, as {@code norm_num} over ℚ does for these closed terms (the real-Lean test checks that agreement);
 * a Lean solution is proved when its proof is in {@link #provingTactics}. It records what it was asked.
 */
final class ScriptedSolveChecker implements SolveChecker {

    final List<String> askedClaims = new ArrayList<>();
    final List<LeanSolution> askedLean = new ArrayList<>();
    final List<String> provingTactics;

    ScriptedSolveChecker(String... provingTactics) {
        this.provingTactics = List.of(provingTactics);
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public List<CheckedClaim> claims(List<ArithmeticClaim> claims) {
        List<CheckedClaim> checked = new ArrayList<>();
        for (ArithmeticClaim claim : claims) {
            askedClaims.add(claim.lean());
            boolean holds = Arithmetic.value(claim.left()).equals(Arithmetic.value(claim.right()));
            checked.add(new CheckedClaim(claim, holds ? ClaimVerdict.PROVED : ClaimVerdict.REFUTED,
                    holds ? Optional.empty() : Optional.of("Lean proved its negation")));
        }
        return checked;
    }

    @Override
    public LeanCheck lean(LeanSolution solution) {
        askedLean.add(solution);
        boolean proved = provingTactics.contains(solution.tactics());
        return new LeanCheck(VerifierSolveChecker.theorem(solution.proposition()),
                proved ? ClaimVerdict.PROVED : ClaimVerdict.UNPROVED,
                proved ? Optional.empty() : Optional.of("linarith failed"));
    }

    @Override
    public String confinement() {
        return "scripted";
    }
}
