package org.lean3assist.model.solve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The majority vote over n sampled solutions' final answers, by {@link SolutionParsers#answerKey(String)}. */
public final class MajorityVote {

    private MajorityVote() {
    }

    /**
     * One answer and how many samples gave it.
     *
     * @param answer  the answer as the first sample that gave it wrote it
     * @param key     what was compared
     * @param votes   samples that gave it
     * @param samples samples in all, those without an answer included
     * @param indices which samples gave it, in order
     */
    public record Tally(String answer, String key, int votes, int samples, List<Integer> indices) {
        public Tally {
            indices = List.copyOf(indices);
        }
    }

    /** Every distinct answer, most votes first; a tie goes to the answer given first. Empty when none has one. */
    public static List<Tally> tally(List<Optional<String>> answers) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        Map<String, String> firstWritten = new LinkedHashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).isEmpty()) {
                continue;
            }
            String key = SolutionParsers.answerKey(answers.get(i).get());
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            firstWritten.putIfAbsent(key, answers.get(i).get());
        }
        List<Tally> tallies = new ArrayList<>();
        byKey.forEach((key, indices) -> tallies.add(new Tally(firstWritten.get(key), key, indices.size(),
                answers.size(), indices)));
        // Stable sort: equal votes keep the order of first appearance.
        tallies.sort((a, b) -> Integer.compare(b.votes(), a.votes()));
        return tallies;
    }

    /** The winner of {@link #tally(List)}, if any sample has an answer. */
    public static Optional<Tally> winner(List<Optional<String>> answers) {
        List<Tally> tallies = tally(answers);
        return tallies.isEmpty() ? Optional.empty() : Optional.of(tallies.get(0));
    }
}
