package org.lean3assist.engine.solve;

import java.util.Optional;
import org.lean3assist.model.solve.ArithmeticClaim;

/**
 * One arithmetic claim and Lean's verdict on it.
 *
 * @param claim   as the solution wrote it and the grammar parsed it
 * @param message Lean's error for an unproved claim, or why it was not checked
 */
public record CheckedClaim(ArithmeticClaim claim, ClaimVerdict verdict, Optional<String> message) {

    static CheckedClaim unchecked(ArithmeticClaim claim, String why) {
        return new CheckedClaim(claim, ClaimVerdict.UNCHECKED, Optional.of(why));
    }

    /** The proposition Lean was asked about ({@link ArithmeticClaim#lean()}). */
    public String checked() {
        return claim.lean();
    }
}
