package org.lean3assist.bridge.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the nonce of a replay's fresh declaration name comes from. The nonce makes a replay's
 * own output recognisable among stale lists; it is not a secret (a candidate could read the
 * declaration's name), only fresh.
 */
@FunctionalInterface
public interface Nonces {

    /**
     * A nonce (8–32 lower-case hex digits) for a variant, given the variant's text built with a
     * placeholder nonce.
     */
    String next(String placeholderVariant);

    /** 64 random bits a replay: the live choice. */
    static Nonces random() {
        SecureRandom random = new SecureRandom();
        return placeholderVariant -> {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }

    /**
     * A digest of the variant: the same candidate at the same place gets the same nonce in every
     * run, so a recorded transcript can be replayed to a verifier in any order. For recordings and
     * the tests that replay them.
     */
    static Nonces fromContent() {
        return placeholderVariant -> {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(placeholderVariant.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every Java has SHA-256", impossible);
            }
        };
    }
}
