package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lean3assist.bridge.testing.RecordedReplays;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.text.LeanPosition;

/** Variant building against all 80 recorded replays, and the variant's own shape. */
class VariantAndClassifierTest {

    private static final String NONCE = "0123456789abcdef";
    private static final String CHECK_NAME = VariantBuilder.CHECK_NAME_PREFIX + NONCE;

    static Stream<RecordedReplays.Replay> replays() {
        return RecordedReplays.all();
    }

    @Test
    void theCorpusHasEightyReplays() {
        assertEquals(80, replays().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void keepsTheRecordedVariantUpToTheBlocksEndUnderAFreshName(RecordedReplays.Replay replay) {
        String recorded = replay.entry().get("variant_content").asText();
        int declarationLine = replay.entry().at("/decl_line_range/0").asInt();
        int endLine = replay.entry().at("/decl_line_range/1").asInt();
        List<String> recordedLines = Arrays.asList(recorded.split("\n", -1)).subList(0, endLine);
        String name = replay.entry().get("decl").asText();

        Variant variant = build(Recordings.source(replay.source()), replay.position(), replay.candidate());

        List<String> lines = Arrays.asList(variant.content().split("\n", -1));
        for (int index = 0; index < endLine; index++) {
            String expected = index == declarationLine - 1
                    ? recordedLines.get(index).replaceFirst("(theorem|lemma) " + java.util.regex.Pattern.quote(name) + "\\b",
                            "$1 " + CHECK_NAME)
                    : recordedLines.get(index);
            assertEquals(expected, lines.get(index), "line " + (index + 1));
        }
        assertEquals(List.of("#check @" + CHECK_NAME, "#print axioms " + CHECK_NAME, ""), lines.subList(endLine, lines.size()));
        assertEquals(new LeanPosition(replay.entry().at("/info_after/line").asInt(), replay.entry().at("/info_after/column").asInt()),
                variant.afterCandidate());
        assertEquals(declarationLine, variant.declarationLine());
        assertEquals(endLine, variant.endLine());
        assertEquals(endLine + 1, variant.checkLine());
        assertEquals(endLine + 2, variant.axiomsLine());
    }

    @Test
    void shiftsTheCandidateOfAOneLineDeclarationByTheRenaming() {
        String source = "theorem t (p : Prop) (hp : p) : p := begin simp, exact hp end\n";
        int column = source.indexOf("exact");

        Variant variant = build(source, new LeanPosition(1, column), "assumption");

        String shifted = "theorem " + CHECK_NAME + " (p : Prop) (hp : p) : p := begin simp, assumption,\nend\n";
        assertTrue(variant.content().startsWith(shifted), variant.content());
        int shift = CHECK_NAME.length() - 1;
        assertEquals(new LeanPosition(1, column + shift), variant.candidateStart());
        assertEquals(new LeanPosition(1, column + shift + "assumption".length() + 1), variant.afterCandidate());
    }

    @Test
    void turnsAnExampleIntoADefinitionOfTheFreshName() {
        String source = "example (p : Prop) (hp : p) : p :=\nbegin\n  exact hp\nend\n";

        Variant variant = build(source, new LeanPosition(3, 2), "assumption");

        assertEquals("noncomputable def " + CHECK_NAME + " (p : Prop) (hp : p) : p :=\nbegin\n  assumption,\nend\n#check @"
                + CHECK_NAME + "\n#print axioms " + CHECK_NAME + "\n", variant.content());
    }

    @Test
    void namesAnAnonymousInstanceAndRenamesANamedOne() {
        String anonymous = "instance : inhabited ℕ :=\nbegin\n  exact ⟨0⟩\nend\n";
        String named = "@[simp] private lemma foo.bar : true :=\nbegin\n  trivial\nend\n";

        assertTrue(build(anonymous, new LeanPosition(3, 2), "exact ⟨1⟩").content()
                .startsWith("instance " + CHECK_NAME + " : inhabited ℕ :=\n"));
        assertTrue(build(named, new LeanPosition(3, 2), "trivial").content()
                .startsWith("@[simp] private lemma " + CHECK_NAME + " : true :=\n"));
    }

    @Test
    void refusesANonceThatIsNotHexAndABlockOfNoDeclaration() {
        String source = "theorem t : true :=\nbegin\n  trivial\nend\n";

        assertThrows(IllegalArgumentException.class,
                () -> VariantBuilder.build(source, new LeanPosition(3, 2),
                        org.lean3assist.bridge.text.TacticBlocks.enclosing(source, new LeanPosition(3, 2)).orElseThrow(),
                        "trivial", "not a nonce\n#eval"));
        assertThrows(IllegalArgumentException.class,
                () -> VariantBuilder.build("#check begin\n  trivial\nend\n", new LeanPosition(2, 2), "trivial"));
    }

    @Test
    void namesEachVariantByADigestOfItsOwnText() {
        String source = "theorem t (p : Prop) (hp : p) : p :=\nbegin\n  exact hp\nend\n";

        Variant first = VariantBuilder.build(source, new LeanPosition(3, 2), "assumption");
        Variant again = VariantBuilder.build(source, new LeanPosition(3, 2), "assumption");
        Variant other = VariantBuilder.build(source, new LeanPosition(3, 2), "exact hp");

        assertEquals(first, again, "the same candidate at the same place: the same name");
        assertTrue(!first.checkName().equals(other.checkName()), "another candidate: another name");
        assertTrue(first.checkName().matches(VariantBuilder.CHECK_NAME_PREFIX + "[0-9a-f]{16}"), first.checkName());
    }

    /** A variant under the fixed nonce, so its text can be written out here. */
    private static Variant build(String source, LeanPosition cursor, String candidate) {
        return VariantBuilder.build(source, cursor, org.lean3assist.bridge.text.TacticBlocks.enclosing(source, cursor)
                .orElseThrow(), candidate, NONCE);
    }
}
