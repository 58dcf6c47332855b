package org.lean3assist.engine;

/**
 * The state of a project's Lean, as the status line shows it. {@link #wire()} is the name the server
 * sends in {@code $/lean3Assist/status}; {@code vscode-client/src/protocol.ts} mirrors the list.
 */
public enum LeanStatus {
    STARTING("starting"),
    READY("ready"),
    CHECKING("checking"),
    RESTARTING("restarting"),
    CRASHED("crashed"),
    MISSING("missing");

    private final String wire;

    LeanStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
