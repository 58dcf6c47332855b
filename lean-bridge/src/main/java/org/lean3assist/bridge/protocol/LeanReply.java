package org.lean3assist.bridge.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything Lean's server writes on stdout, one line each, after parsing.
 */
public sealed interface LeanReply
        permits LeanReply.Ok, ErrorResponse, AllMessages, CurrentTasks, LeanReply.Unrecognised {

    /**
     * A {@code "response":"ok"} reply; its payload is decoded by the request that asked for it,
     * because the reply does not say which command it answers.
     */
    record Ok(long seqNum, JsonNode body) implements LeanReply {
    }

    /** A line that is not JSON, or JSON of a shape Lean 3 does not send; it is logged and ignored. */
    record Unrecognised(String line, String why) implements LeanReply {
    }
}
