package org.lean3assist.bridge.protocol;

import java.util.OptionalLong;

/**
 * {@code "response":"error"}. Lean omits {@code seq_num} when it could not read one from the
 * request (not JSON, not an object, missing or non-numeric {@code seq_num}).
 */
public record ErrorResponse(OptionalLong seqNum, String message) implements LeanReply {
}
