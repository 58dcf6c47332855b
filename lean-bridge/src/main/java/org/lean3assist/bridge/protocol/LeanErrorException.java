package org.lean3assist.bridge.protocol;

/** Lean answered a request with {@code "response":"error"}. */
public final class LeanErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeanErrorException(String command, String leanMessage) {
        super("Lean refused '" + command + "': " + leanMessage);
    }
}
