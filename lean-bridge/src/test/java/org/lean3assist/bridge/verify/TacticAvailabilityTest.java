package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.protocol.LeanMessage;

class TacticAvailabilityTest {

    private static final String START = "import tactic\n" + SnapshotAnchor.LINE;
    private static final List<String> ASKED = List.of("norm_num", "linarith", "tidy");

    private static LeanMessage trace(String file, int line, String text) {
        return new LeanMessage(file, line, 0, LeanMessage.Severity.INFORMATION, "", text);
    }

    @Test
    void asksAfterTheAnchoredStartAndReadsLeansList() {
        TacticAvailability.Question question = TacticAvailability.question(START, ASKED);

        assertTrue(question.content().startsWith(START));
        assertEquals(3, question.line());
        assertTrue(question.content().contains("`tactic.interactive.norm_num, `tactic.interactive.linarith"));
        assertEquals(Optional.of(Set.of("norm_num", "tidy")), question.answer("f", List.of(trace("f", 3,
                question.marker() + "[tactic.interactive.norm_num, tactic.interactive.tidy]")), ASKED));
        assertEquals(Optional.of(Set.of()), question.answer("f", List.of(trace("f", 3, question.marker() + "[]")), ASKED));
    }

    @Test
    void readsNoStaleDoubledOrForeignAnswer() {
        TacticAvailability.Question question = TacticAvailability.question(START, ASKED);
        TacticAvailability.Question other = TacticAvailability.question("import data.real.basic\n", ASKED);
        String good = question.marker() + "[tactic.interactive.linarith]";

        assertEquals(Optional.empty(), question.answer("f", List.of(trace("f", 3, other.marker() + "[]")), ASKED),
                "another question's answer");
        assertEquals(Optional.empty(), question.answer("f", List.of(trace("f", 3, good), trace("f", 3, good)), ASKED),
                "doubled");
        assertEquals(Optional.empty(), question.answer("f", List.of(trace("g", 3, good)), ASKED), "another file");
        assertEquals(Optional.empty(), question.answer("f", List.of(trace("f", 3,
                question.marker() + "[tactic.interactive.omega]")), ASKED), "a name that was not asked");
    }

    @Test
    void asksOnlyPlainTacticNames() {
        assertThrows(IllegalArgumentException.class, () -> TacticAvailability.question(START, List.of("linarith] ++ evil")));
        assertThrows(IllegalArgumentException.class, () -> TacticAvailability.question(START, List.of("io.cmd")));
    }
}
