package org.lean3assist.bridge.verify;

import java.util.Optional;

/** The safety filter's answer: accepted, or rejected with a reason a user can read. */
public record SafetyVerdict(boolean accepted, Optional<String> rejection) {

    private static final SafetyVerdict ACCEPTED = new SafetyVerdict(true, Optional.empty());

    public static SafetyVerdict accept() {
        return ACCEPTED;
    }

    public static SafetyVerdict reject(String reason) {
        return new SafetyVerdict(false, Optional.of(reason));
    }
}
