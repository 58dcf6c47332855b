package org.lean3assist.bridge.protocol;

import java.util.Optional;

/** The reply to {@code info}; without a record when Lean knows nothing at that position. */
public record InfoResponse(long seqNum, Optional<InfoRecord> record) {

    /** The tactic state at the position, when there is one. */
    public Optional<String> state() {
        return record.flatMap(InfoRecord::state);
    }
}
