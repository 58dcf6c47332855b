package org.lean3assist.engine.suggest;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.lean3assist.bridge.goal.Goal;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.goal.Hypothesis;

/**
 * Model-free candidate tactics for the first goal of a state: core Lean 3 tactics that often apply,
 * and tactics built from the goal's shape and its hypotheses. They are guesses like the model's and
 * go through the same verifier; cheap ones come first because the list may be cut.
 */
public final class TacticPortfolio {

    /** Tactics worth trying on any goal; each is a single core Lean 3 tactic. */
    static final List<String> GENERIC = List.of(
            "refl", "assumption", "trivial", "cc", "dec_trivial", "simp", "contradiction");

    private static final Pattern NATURAL_NUMBER_TYPE = Pattern.compile("ℕ|nat");
    private static final Pattern LIST_TYPE = Pattern.compile("list .+");
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_'.]*");

    private TacticPortfolio() {}

    /** Candidates for the first goal, most promising first, without duplicates; empty when solved. */
    public static List<String> candidates(GoalState state) {
        if (state.isSolved()) {
            return List.of();
        }
        Goal goal = state.goals().get(0);
        Set<String> candidates = new LinkedHashSet<>();
        String target = goal.target().strip();

        for (Hypothesis hypothesis : goal.hypotheses()) {
            for (String name : hypothesis.names()) {
                if (usable(name) && hypothesis.type().strip().equals(target)) {
                    candidates.add("exact " + name);
                }
            }
        }
        addShapeTactics(goal, target, candidates);
        candidates.addAll(GENERIC);
        for (Hypothesis hypothesis : goal.hypotheses()) {
            addHypothesisTactics(hypothesis, target, candidates);
        }
        return List.copyOf(candidates);
    }

    private static void addShapeTactics(Goal goal, String target, Set<String> candidates) {
        if (target.startsWith("∀") || target.startsWith("Π") || topLevel(target, "→") || target.startsWith("¬")) {
            candidates.add("intro " + freshName(goal, target.startsWith("∀") ? "x" : "h"));
            candidates.add("intros");
        }
        if (topLevel(target, "∧") || topLevel(target, "↔")) {
            candidates.add("split");
            candidates.add("constructor");
        }
        if (topLevel(target, "∨")) {
            candidates.add("left");
            candidates.add("right");
        }
        if (target.startsWith("∃")) {
            candidates.add("existsi _");
            candidates.add("constructor");
        }
        if (topLevel(target, "=")) {
            candidates.add("simp");
        }
        if (target.equals("false")) {
            candidates.add("contradiction");
        }
    }

    private static void addHypothesisTactics(Hypothesis hypothesis, String target, Set<String> candidates) {
        String type = hypothesis.type().strip();
        for (String name : hypothesis.names()) {
            if (!usable(name)) {
                continue;
            }
            if (topLevel(type, "→") || type.startsWith("∀")) {
                candidates.add("apply " + name);
            }
            if (topLevel(type, "=") || topLevel(type, "↔")) {
                candidates.add("rw " + name);
                candidates.add("simp [" + name + "]");
            }
            if (topLevel(type, "∧") || topLevel(type, "∨") || type.startsWith("∃") || topLevel(type, "↔")
                    || type.equals("false")) {
                candidates.add("cases " + name);
            }
            if (NATURAL_NUMBER_TYPE.matcher(type).matches() || LIST_TYPE.matcher(type).matches()) {
                if (target.contains(name)) {
                    candidates.add("induction " + name);
                    candidates.add("cases " + name);
                }
            }
            if (type.equals("false")) {
                candidates.add("exact " + name + ".elim");
            }
        }
    }

    /** Whether {@code operator} occurs outside every pair of brackets. */
    public static boolean topLevel(String text, String operator) {
        int depth = 0;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '(' || c == '[' || c == '{' || c == '⟨') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}' || c == '⟩') {
                depth--;
            } else if (depth == 0 && text.startsWith(operator, index)) {
                return true;
            }
        }
        return false;
    }

    /** Lean's inaccessible names ({@code n_ᾰ}, {@code _x}) cannot be written back into a tactic. */
    private static boolean usable(String name) {
        return IDENTIFIER.matcher(name).matches() && !name.contains("ᾰ") && !name.startsWith("_");
    }

    private static String freshName(Goal goal, String stem) {
        Set<String> taken = new HashSet<>(goal.hypothesisNames());
        if (!taken.contains(stem)) {
            return stem;
        }
        for (int suffix = 1; ; suffix++) {
            String name = stem + suffix;
            if (!taken.contains(name)) {
                return name;
            }
        }
    }
}
