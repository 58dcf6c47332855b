package org.lean3assist.bridge.verify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.protocol.LeanMessage;

/**
 * The outcome of one candidate.
 *
 * @param index       the candidate's position in the request, so callers can map back after ranking
 * @param candidate   the candidate text
 * @param verdict     what the replay showed
 * @param goalsAfter  for {@link Verdict#PROGRESS}: the goals left after the candidate
 * @param explanation Lean's message for INVALID and TIMEOUT, the filter's reason for REJECTED
 * @param messages    the variant's messages on the declaration's lines
 * @param elapsed     wall-clock time of the replay (zero when rejected)
 */
public record ReplayResult(int index, String candidate, Verdict verdict, Optional<GoalState> goalsAfter,
                           Optional<String> explanation, List<LeanMessage> messages, Duration elapsed) {

    public ReplayResult {
        messages = List.copyOf(messages);
    }
}
