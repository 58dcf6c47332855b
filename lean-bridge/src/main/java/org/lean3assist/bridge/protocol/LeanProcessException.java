package org.lean3assist.bridge.protocol;

/**
 * The Lean process a request was sent to is gone (it crashed, was killed, or was shut down), so
 * the request will never be answered.
 */
public final class LeanProcessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeanProcessException(String message) {
        super(message);
    }

    public LeanProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
