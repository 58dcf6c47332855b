package org.lean3assist.bridge.goal;

import java.util.List;
import java.util.Optional;

/**
 * One goal: an optional {@code case} tag ({@code nat.succ}), the hypotheses in Lean's order and
 * the target after {@code ⊢}.
 */
public record Goal(Optional<String> caseTag, List<Hypothesis> hypotheses, String target) {

    public Goal {
        hypotheses = List.copyOf(hypotheses);
    }

    /** All hypothesis names, ungrouped, in order. */
    public List<String> hypothesisNames() {
        return hypotheses.stream().flatMap(hypothesis -> hypothesis.names().stream()).toList();
    }

    /** Lean's text for this goal. */
    public String render() {
        StringBuilder text = new StringBuilder();
        caseTag.ifPresent(tag -> text.append("case ").append(tag).append('\n'));
        for (int index = 0; index < hypotheses.size(); index++) {
            text.append(hypotheses.get(index).render());
            text.append(index + 1 < hypotheses.size() ? ",\n" : "\n");
        }
        return text.append("⊢ ").append(target).toString();
    }
}
