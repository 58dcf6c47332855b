package org.lean3assist.bridge.goal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code state} text of Lean 3's {@code info} replies.
 *
 * <p>The format, as recorded from Lean 3.51.1: {@code no goals}; or an optional
 * {@code "N goals\n"} header followed by goals separated by a blank line. A goal is an optional
 * {@code "case <tag>\n"} line, hypothesis lines joined by {@code ",\n"} and {@code "\n⊢ target"}.
 * Lean's pretty printer wraps a long type onto continuation lines that start with spaces; such
 * a line belongs to the hypothesis or target above it.
 */
public final class GoalParser {

    private static final Pattern HEADER = Pattern.compile("^(\\d+) goals\n");
    private static final String TURNSTILE = "⊢ ";

    private GoalParser() {
    }

    /**
     * Parses Lean's state text.
     *
     * @throws IllegalArgumentException when the text has no {@code ⊢} where a goal needs one
     */
    public static GoalState parse(String state) {
        if (state.equals("no goals")) {
            return GoalState.NO_GOALS;
        }
        Matcher header = HEADER.matcher(state);
        boolean counted = header.find();
        String body = counted ? state.substring(header.end()) : state;
        List<Goal> goals = new ArrayList<>();
        for (String goalText : splitGoals(body)) {
            goals.add(parseGoal(goalText));
        }
        if (counted && goals.size() != Integer.parseInt(header.group(1))) {
            throw new IllegalArgumentException("header says " + header.group(1) + " goals, found " + goals.size()
                    + " in: " + state);
        }
        return new GoalState(goals, counted);
    }

    private static List<String> splitGoals(String body) {
        // Goals are separated by a blank line. A blank line cannot occur inside a goal, because
        // continuation lines are indented and hypotheses are separated by ",\n".
        return Arrays.asList(body.split("\n\n", -1));
    }

    private static Goal parseGoal(String goalText) {
        List<String> lines = new ArrayList<>(Arrays.asList(goalText.split("\n", -1)));
        Optional<String> caseTag = Optional.empty();
        if (!lines.isEmpty() && lines.get(0).startsWith("case ")) {
            caseTag = Optional.of(lines.remove(0).substring("case ".length()));
        }
        int turnstileLine = -1;
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).startsWith(TURNSTILE)) {
                turnstileLine = index;
                break;
            }
        }
        if (turnstileLine < 0) {
            throw new IllegalArgumentException("a goal without '⊢': " + goalText);
        }
        List<Hypothesis> hypotheses = parseHypotheses(lines.subList(0, turnstileLine), goalText);
        String target = String.join("\n", lines.subList(turnstileLine, lines.size())).substring(TURNSTILE.length());
        return new Goal(caseTag, hypotheses, target);
    }

    private static List<Hypothesis> parseHypotheses(List<String> lines, String goalText) {
        List<StringBuilder> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(" ") && !entries.isEmpty()) {
                entries.get(entries.size() - 1).append('\n').append(line);
            } else {
                entries.add(new StringBuilder(line));
            }
        }
        List<Hypothesis> hypotheses = new ArrayList<>();
        for (int index = 0; index < entries.size(); index++) {
            String entry = entries.get(index).toString();
            boolean last = index + 1 == entries.size();
            if (!last) {
                if (!entry.endsWith(",")) {
                    throw new IllegalArgumentException("hypothesis not followed by ',': " + entry + " in: " + goalText);
                }
                entry = entry.substring(0, entry.length() - 1);
            }
            int colon = entry.indexOf(" : ");
            if (colon < 0) {
                throw new IllegalArgumentException("hypothesis without ' : ': " + entry + " in: " + goalText);
            }
            hypotheses.add(new Hypothesis(Arrays.asList(entry.substring(0, colon).split(" ")),
                    entry.substring(colon + " : ".length())));
        }
        return hypotheses;
    }
}
