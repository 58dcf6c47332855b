package org.lean3assist.model.generate;

/** Why a generated sequence ended. */
public enum FinishReason {
    /** The model produced an EOS id or a requested stop id. */
    STOP_TOKEN,
    /** The text came to contain a requested stop string. */
    STOP_STRING,
    /** The sequence reached the maximum number of new tokens. */
    MAX_NEW_TOKENS,
    /** The caller's cancel check turned true between two steps. */
    CANCELLED
}
