package org.lean3assist.model.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MajorityVoteTest {

    @Test
    void theMostCommonAnswerByValueWinsAndSamplesWithoutAnAnswerStillCount() {
        var answers = List.of(Optional.of("1,200"), Optional.<String>empty(), Optional.of("1100"),
                Optional.of("$1200"), Optional.of("1200."));
        var tallies = MajorityVote.tally(answers);
        assertEquals(2, tallies.size());
        assertEquals(new MajorityVote.Tally("1,200", "1200", 3, 5, List.of(0, 3, 4)), tallies.get(0));
        assertEquals("1100", tallies.get(1).answer());
    }

    @Test
    void aTieGoesToTheAnswerGivenFirst() {
        var winner = MajorityVote.winner(List.of(Optional.of("7"), Optional.of("8"), Optional.of("8"),
                Optional.of("7")));
        assertEquals("7", winner.orElseThrow().answer());
    }

    @Test
    void noAnswerAnywhereIsNoWinner() {
        assertEquals(Optional.empty(), MajorityVote.winner(List.of(Optional.empty(), Optional.empty())));
    }
}
