package org.lean3assist.engine;

/**
 * The state of the session's model. {@link #wire()} is the name the server sends in
 * {@code $/lean3Assist/status}; {@code vscode-client/src/protocol.ts} mirrors the list.
 */
public enum ModelStatus {
    /** No model is configured: suggestions come from the portfolio only. */
    NONE("none"),
    LOADING("loading"),
    READY_CPU("ready-cpu"),
    READY_CUDA("ready-cuda"),
    /** An OpenAI-compatible server answers for the model. */
    READY_REMOTE("ready-remote"),
    /** The configured model could not be loaded; the message says why. */
    ERROR("error");

    private final String wire;

    ModelStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether a model answers. */
    public boolean ready() {
        return this == READY_CPU || this == READY_CUDA || this == READY_REMOTE;
    }
}
