package org.lean3assist.bridge;

import java.util.Optional;
import org.lean3assist.bridge.goal.GoalState;

/**
 * The tactic state Lean reports at a position: its exact text, and the parsed goals when the
 * text has the shape the parser knows (it has for every state recorded from Lean 3.51.1).
 */
public record GoalAtPosition(String rawState, Optional<GoalState> goals) {
}
