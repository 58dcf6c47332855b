package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The safety filter against the attack corpus: every payload of every kind is refused with a
 * reason, every benign step is accepted, and the corpus cannot silently shrink.
 */
class AttackCorpusFilterTest {

    /** The kinds the corpus must have; a missing file fails here instead of testing nothing. */
    static final List<String> KINDS = List.of("command-from-tactic", "fake-verdict", "meta-api", "nested-tactic",
            "resource");

    /** The fewest payloads a kind may have. Five is the floor the corpus was asked for; it has more. */
    static final int MIN_PAYLOADS_PER_KIND = 15;

    static Stream<AttackCorpus.Payload> attacks() {
        return AttackCorpus.all();
    }

    static Stream<AttackCorpus.Payload> benign() {
        return AttackCorpus.benign().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusesEveryAttackWithAReason(AttackCorpus.Payload attack) {
        SafetyVerdict verdict = SafetyFilter.check(attack.text());

        assertFalse(verdict.accepted(), attack.toString());
        SafetyFilterTest.assertOneSentence(verdict.rejection().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benign")
    void acceptsEveryBenignStep(AttackCorpus.Payload step) {
        assertEquals(SafetyVerdict.accept(), SafetyFilter.check(step.text()), step.toString());
    }

    @Test
    void hasEveryKindWithEnoughPayloads() {
        assertEquals(KINDS, AttackCorpus.kinds());
        for (String kind : KINDS) {
            int count = AttackCorpus.payloads(kind).size();
            assertTrue(count >= MIN_PAYLOADS_PER_KIND, kind + " has only " + count + " payloads");
        }
        assertTrue(AttackCorpus.benign().size() >= 100, "the benign steps keep the filter honest; keep them many");
    }

    @Test
    void writesEachPayloadOnce() {
        Set<String> seen = new HashSet<>();
        AttackCorpus.all().forEach(attack -> assertTrue(seen.add(attack.text()), "written twice: " + attack));
        Set<String> benign = new HashSet<>();
        AttackCorpus.benign().forEach(step -> assertTrue(benign.add(step.text()), "written twice: " + step));
    }

    @Test
    void decodesEscapesSoThatInvisibleCharactersStayVisibleInTheFiles() {
        assertEquals("a\nb\rc\td\\e\u200bf", AttackCorpus.decode("a\\nb\\rc\\td\\\\e\\u200bf"));
        assertTrue(AttackCorpus.payloads("command-from-tactic").stream().anyMatch(payload -> payload.contains("\n")));
        assertTrue(AttackCorpus.payloads("fake-verdict").stream().anyMatch(payload -> payload.contains("\u200b")));
    }
}
