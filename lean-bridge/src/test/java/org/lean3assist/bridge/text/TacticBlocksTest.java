package org.lean3assist.bridge.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.testing.Recordings;

class TacticBlocksTest {

    private static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();

    /** Marks the cursor in a fixture; {@link #check} removes it and asks for the block there. */
    private static final String CURSOR = "‸";

    @ParameterizedTest(name = "{0}.lean")
    @MethodSource("org.lean3assist.bridge.testing.Recordings#sourceNames")
    void scansTheTokenLeansRecorderSawAtEveryRecordedPosition(String name) {
        String source = Recordings.source(name);
        PositionConverter converter = new PositionConverter(source);
        Map<Integer, String> tokenAt = new HashMap<>();
        for (LeanToken token : LeanScanner.scan(source)) {
            tokenAt.put(token.start(), token.text());
        }
        int checked = 0;
        for (JsonNode entry : RECORDINGS.json("goals/" + name + ".json")) {
            if (entry.get("text").isNull()) {
                continue;
            }
            int offset = converter.offsetOf(new LeanPosition(entry.get("line").asInt(), entry.get("column").asInt()));
            assertEquals(entry.get("text").asText(), tokenAt.get(offset), "token at " + entry.get("line") + ":" + entry.get("column"));
            checked++;
        }
        assertTrue(checked > 0);
    }

    @ParameterizedTest(name = "{0}.json")
    @ValueSource(strings = {"basics", "multigoal"})
    void findsTheDeclarationRangeOfEveryRecordedReplay(String name) {
        for (JsonNode replay : RECORDINGS.json("replays/" + name + ".json")) {
            String source = Recordings.source(name);
            LeanPosition cursor = new LeanPosition(replay.at("/position/line").asInt(), replay.at("/position/column").asInt());

            TacticBlock block = TacticBlocks.enclosing(source, cursor).orElseThrow();

            assertEquals(replay.at("/decl_line_range/0").asInt(), block.declarationLine());
            assertEquals(replay.get("decl").asText(), block.declarationName());
        }
    }

    @Test
    void ignoresBeginAndEndInCommentsAndStrings() {
        check("""
                theorem t : "begin" = "begin" :=
                begin -- end
                  /- end /- nested end -/ still a comment end -/
                  ‸refl
                end
                """, Optional.of(new TacticBlock(1, "t", new LeanPosition(2, 0), new LeanPosition(5, 0))));
    }

    @Test
    void choosesTheInnermostBlock() {
        check("""
                lemma outer : true ∧ true :=
                begin
                  split,
                  exact begin ‸trivial end,
                  trivial
                end
                """, Optional.of(new TacticBlock(1, "outer", new LeanPosition(4, 8), new LeanPosition(4, 22))));
    }

    @Test
    void skipsMatchAndNamespaceEnds() {
        check("""
                namespace foo
                def f : ℕ → ℕ := λ n, match n with | 0 := 1 | _ := 2 end
                example : f 0 = 1 :=
                begin
                  ‸refl
                end
                end foo
                """, Optional.of(new TacticBlock(3, "", new LeanPosition(4, 0), new LeanPosition(6, 0))));
    }

    @Test
    void findsNoBlockWhenBeginIsNeverClosed() {
        String incomplete = Recordings.source("incomplete");

        assertEquals(Optional.empty(), TacticBlocks.enclosing(incomplete, new LeanPosition(34, 2)));
    }

    @Test
    void findsNoBlockOutsideOfProofs() {
        check("""
                def ‸double (n : ℕ) : ℕ := n + n
                """, Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basics", "multigoal"})
    void acceptsEveryRecordedReplayPosition(String name) {
        String source = Recordings.source(name);
        for (JsonNode replay : RECORDINGS.json("replays/" + name + ".json")) {
            LeanPosition cursor = new LeanPosition(replay.at("/position/line").asInt(), replay.at("/position/column").asInt());
            TacticBlock block = TacticBlocks.enclosing(source, cursor).orElseThrow();

            assertEquals(Optional.empty(), TacticBlocks.replayPositionProblem(source, block, cursor));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "begin\n  cases h with hp hq,\n  { right, ‸exact hp },\nend",
        "begin\n  rw [nat.add_comm, ‸ih]\nend",
        "begin\n  intro h,\n  exa‸ct h\nend",
        "begin\n  intro h,\n  exact ‸h\nend",
        "begin\n  cases h,\n  exact begin ‸right, assumption end,\n  left, assumption\nend"})
    void refusesReplayPositionsThatDoNotStartATopLevelTactic(String fixture) {
        String withCursor = "theorem t (p q : Prop) (h : p ∨ q) : q ∨ p :=\n" + fixture + "\n";
        int cursor = withCursor.indexOf(CURSOR);
        String source = withCursor.replace(CURSOR, "");
        LeanPosition position = new PositionConverter(source).positionAt(cursor);
        TacticBlock block = TacticBlocks.enclosing(source, position).orElseThrow();

        assertTrue(TacticBlocks.replayPositionProblem(source, block, position).isPresent(), source);
    }

    private static void check(String fixtureWithCursor, Optional<TacticBlock> expected) {
        int cursor = fixtureWithCursor.indexOf(CURSOR);
        String source = fixtureWithCursor.replace(CURSOR, "");
        LeanPosition position = new PositionConverter(source).positionAt(cursor);

        assertEquals(expected, TacticBlocks.enclosing(source, position));
    }
}
