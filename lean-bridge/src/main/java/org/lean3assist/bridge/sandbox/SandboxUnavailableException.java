package org.lean3assist.bridge.sandbox;

/**
 * The sandbox is required but does not work on this machine. The message says why and how to
 * install it.
 */
public final class SandboxUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    SandboxUnavailableException(String reason) {
        super("lean3Assist.sandbox is \"required\", but the sandbox does not work here: " + reason + ". "
                + Sandbox.INSTALL_HINT);
        this.reason = reason;
    }

    /** Why the sandbox does not work, without the install hint (what the probe found). */
    public String reason() {
        return reason;
    }
}
