package org.lean3assist.engine.solve;

import java.util.List;
import java.util.Optional;
import org.lean3assist.model.solve.ArithmeticClaim;
import org.lean3assist.model.solve.LeanSolution;

/** Lean's part of solving: verdicts on claims and on a solution's Lean 3. Blocking; one instance per solve. */
public interface SolveChecker {

    /** Why nothing can be checked here (no Lean, no mathlib), or empty when checks run. */
    Optional<String> unavailable();

    /** A verdict per claim, in order; never {@link ClaimVerdict#PROVED} without Lean's evidence. */
    List<CheckedClaim> claims(List<ArithmeticClaim> claims);

    /** Lean's verdict on a model-written proposition and its proof. */
    LeanCheck lean(LeanSolution solution);

    /** How the checks were confined, for displays. */
    String confinement();

    /** A checker that checks nothing, and says why. */
    static SolveChecker none(String why) {
        return new SolveChecker() {
            @Override
            public Optional<String> unavailable() {
                return Optional.of(why);
            }

            @Override
            public List<CheckedClaim> claims(List<ArithmeticClaim> claims) {
                return claims.stream().map(claim -> CheckedClaim.unchecked(claim, why)).toList();
            }

            @Override
            public LeanCheck lean(LeanSolution solution) {
                return new LeanCheck(VerifierSolveChecker.theorem(solution.proposition()), ClaimVerdict.UNCHECKED,
                        Optional.of(why));
            }

            @Override
            public String confinement() {
                return "nothing was checked: " + why;
            }
        };
    }
}
