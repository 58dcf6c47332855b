package org.lean3assist.engine.prove;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lean3assist.bridge.goal.Goal;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.goal.Hypothesis;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.suggest.Suggestion;
import org.lean3assist.engine.suggest.TacticPortfolio;

/**
 * The model-free steps of the search, each with a fixed prior: the core portfolio's tactics
 * ({@link TacticPortfolio}), and, only where Lean said the file's environment has them, mathlib's
 * finishing and normalizing tactics, with hints built from the hypotheses ({@code norm_num [h₀]},
 * {@code nlinarith [sq_nonneg (a - b), h₀]}) and substitutions from the context's equations.
 *
 * <p>The priors are guesses, ordered as the tactics' reach on miniF2F-valid style goals suggests:
 * the decision procedures first, structural steps next, then the slow or broad ones.
 */
public final class SearchPortfolio implements StepSource {

    /** The mathlib tactics the portfolio can use, asked about once per import header. */
    public static final List<String> MATHLIB_TACTICS = List.of(
            "norm_num", "linarith", "nlinarith", "positivity", "ring", "ring_nf", "field_simp", "norm_cast",
            "push_cast", "exact_mod_cast", "interval_cases", "omega", "tidy", "library_search");

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_'₀-₉]*");
    private static final Pattern NUMERIC_TYPE = Pattern.compile("ℝ|ℚ|ℤ|ℕ|real|rat|int|nat");
    private static final Pattern ORDERED = Pattern.compile("[<≤>≥≠]|=");
    private static final int MAX_HINT_VARIABLES = 3;

    private final Set<String> available;

    /** @param available the mathlib tactics Lean said the environment has (none in a core-only file) */
    public SearchPortfolio(Set<String> available) {
        this.available = Set.copyOf(available);
    }

    /**
     * The tactics tried only at the search's start: each either finishes a goal outright or fails
     * slowly (a failing {@code library_search} or {@code tidy} runs to its limit), and after a
     * first step the search has cheaper ways on.
     */
    static final Set<String> AT_START_ONLY = Set.of("tidy", "library_search", "dec_trivial");

    @Override
    public List<Step> steps(GoalState state, int depth, Cancellation cancellation) {
        List<Step> all = steps(state, cancellation);
        return depth == 0 ? all : all.stream().filter(step -> !AT_START_ONLY.contains(step.tactic())).toList();
    }

    @Override
    public List<Step> steps(GoalState state, Cancellation cancellation) {
        if (state.isSolved()) {
            return List.of();
        }
        Goal goal = state.goals().get(0);
        Map<String, Double> priors = new LinkedHashMap<>();
        mathlib(goal, priors);
        List<String> core = TacticPortfolio.candidates(state);
        for (int rank = 0; rank < core.size(); rank++) {
            String tactic = core.get(rank);
            // Structural steps (intro, split, cases) open the way for the finishing tactics.
            double prior = tactic.startsWith("intro") || tactic.equals("split") || tactic.startsWith("cases ")
                    ? -0.6 : -1.0 - 0.1 * rank;
            priors.putIfAbsent(tactic, prior);
        }
        if (state.goals().size() > 1 && has("linarith")) {
            priors.putIfAbsent("all_goals { norm_num }", -1.6);
            priors.putIfAbsent("all_goals { linarith }", -1.7);
        }
        List<Step> steps = new ArrayList<>();
        priors.forEach((tactic, prior) -> steps.add(new Step(tactic, prior, Suggestion.Source.PORTFOLIO)));
        return steps;
    }

    private boolean has(String tactic) {
        return available.contains(tactic);
    }

    private void mathlib(Goal goal, Map<String, Double> priors) {
        List<String> facts = new ArrayList<>();
        List<String> equations = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        Set<String> numericVariables = new LinkedHashSet<>();
        Map<String, String> typeOf = new LinkedHashMap<>();
        for (Hypothesis hypothesis : goal.hypotheses()) {
            String type = hypothesis.type().strip();
            for (String name : hypothesis.names()) {
                if (!usable(name)) {
                    continue;
                }
                typeOf.put(name, type);
                if (NUMERIC_TYPE.matcher(type).matches()) {
                    numericVariables.add(name);
                } else if (definesAFunction(type)) {
                    definitions.add(name);
                } else if (ORDERED.matcher(type).find() && !type.startsWith("∀") && !type.contains("→")) {
                    facts.add(name);
                    if (TacticPortfolio.topLevel(type, "=") && !TacticPortfolio.topLevel(type, "≠")) {
                        equations.add(name);
                    }
                }
            }
        }
        String target = goal.target().strip();
        if (has("norm_num")) {
            priors.put("norm_num", -0.4);
            if (!facts.isEmpty()) {
                priors.put("norm_num at *", -0.8);
                priors.put("norm_num [" + String.join(", ", facts) + "] at *", -0.9);
            }
            if (target.contains("∑") || target.contains("∏")) {
                // A sum or product over a range of numerals unfolds term by term.
                priors.put("norm_num [finset.sum_range_succ, finset.prod_range_succ]", -0.6);
                priors.put("simp [finset.sum_range_succ, finset.prod_range_succ]", -1.0);
            }
        }
        if (has("norm_num") && target.contains(" % ")) {
            // Remainders of sums, products and powers reduce through the remainders of their parts.
            String lemmas = typeOf.values().stream().anyMatch(type -> type.equals("ℤ") || type.equals("int"))
                    ? "int.add_mod, int.mul_mod" : "nat.add_mod, nat.mul_mod, nat.pow_mod";
            priors.put("norm_num [" + lemmas + (equations.isEmpty() ? "" : ", " + String.join(", ", equations)) + "]", -0.7);
        }
        if (has("norm_num") && (target.contains("⌊") || target.contains("int.floor"))) {
            priors.put("norm_num [int.floor_eq_iff]", -0.6);
        }
        if (has("norm_num") && (target.contains("⌈") || target.contains("int.ceil"))) {
            priors.put("norm_num [int.ceil_eq_iff]", -0.6);
        }
        for (String definition : definitions) {
            // A function given by an equation for every argument: unfold it everywhere.
            priors.put("simp only [" + definition + "] at *", -0.9);
            if (has("norm_num")) {
                priors.put("norm_num [" + definition + "] at *", -1.2);
            }
        }
        if (has("linarith")) {
            priors.put("linarith", -0.5);
            if (TacticPortfolio.topLevel(target, "∧")) {
                // Both sides of a conjunction of linear facts at once, so a split need not be paid for twice.
                priors.put("split; linarith", -0.7);
            }
            // An absolute value splits into its two cases, each linear.
            absoluteValues(goal).stream().limit(2).forEach(argument -> priors.putIfAbsent(
                    "rcases abs_cases (" + argument + ") with ⟨h_abs, h_abs'⟩ | ⟨h_abs, h_abs'⟩", -1.0));
        }
        if (has("nlinarith")) {
            List<String> hints = hints(target, numericVariables, facts);
            priors.put(hints.isEmpty() ? "nlinarith" : "nlinarith [" + String.join(", ", hints) + "]", -1.1);
            if (!hints.isEmpty()) {
                priors.put("nlinarith", -1.3);
            }
        }
        if (has("positivity") && (target.startsWith("0 <") || target.startsWith("0 ≤"))) {
            priors.put("positivity", -0.8);
        }
        if (has("ring") && TacticPortfolio.topLevel(target, "=")) {
            priors.put("ring", -0.7);
        }
        if (has("ring_nf")) {
            priors.put("ring_nf", -1.9);
            if (!facts.isEmpty()) {
                priors.put("ring_nf at *", -2.2);
            }
        }
        if (has("field_simp")) {
            priors.put("field_simp", -1.6);
            if (has("ring") && TacticPortfolio.topLevel(target, "=") && (target.contains("/") || target.contains("⁻¹"))) {
                // Clearing denominators leaves a ring identity; one step, so the search need not find two.
                priors.put("field_simp, ring", -1.2);
            }
        }
        if (has("norm_cast") && target.contains("↑")) {
            priors.put("norm_cast", -1.3);
            priors.put("push_cast", -1.5);
            priors.put("exact_mod_cast " + (facts.isEmpty() ? "_" : facts.get(0)), -2.2);
        }
        for (String equation : equations) {
            Matcher variable = Pattern.compile("^([\\p{L}_][\\p{L}\\p{N}_'₀-₉]*) = ").matcher(typeOf.get(equation));
            if (variable.find() && typeOf.containsKey(variable.group(1))) {
                priors.put("subst " + variable.group(1), -1.0);
            }
            priors.put("rw " + equation + " at ⊢", -1.4);
            priors.put("simp only [" + equation + "] at *", -1.8);
            // An equation rewrites another fact too (rw h₀ at h₁, then linarith).
            facts.stream().filter(fact -> !fact.equals(equation)).limit(2)
                    .forEach(fact -> priors.putIfAbsent("rw " + equation + " at " + fact, -1.6));
        }
        if (has("field_simp") && !facts.isEmpty()) {
            priors.put("field_simp at *", -1.9);
        }
        if (has("interval_cases")) {
            for (String name : numericVariables) {
                String type = typeOf.get(name);
                if ((type.equals("ℕ") || type.equals("ℤ") || type.equals("nat") || type.equals("int"))
                        && facts.stream().anyMatch(fact -> typeOf.get(fact).matches(".*\\b" + Pattern.quote(name) + "\\b.*"))) {
                    priors.put("interval_cases " + name, -2.0);
                }
            }
        }
        if (has("omega")) {
            priors.put("omega", -2.1);
        }
        priors.put("dec_trivial", -2.3);
        if (!facts.isEmpty()) {
            priors.put("simp at *", -1.5);
        }
        if (has("tidy")) {
            priors.put("tidy", -2.6);
        }
        if (has("library_search")) {
            priors.put("library_search", -3.0);
        }
    }

    /** Whether a hypothesis is {@code ∀ x, f x = …}: a function given by an equation, with no premise. */
    static boolean definesAFunction(String type) {
        if (!type.startsWith("∀") || type.contains("→")) {
            return false;
        }
        int comma = type.indexOf(',');
        return comma > 0 && TacticPortfolio.topLevel(type.substring(comma + 1).strip(), "=");
    }

    /** The arguments of the absolute values in a goal's hypotheses and target ({@code |e|} or {@code abs e}), each once. */
    static List<String> absoluteValues(Goal goal) {
        Set<String> arguments = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        goal.hypotheses().forEach(hypothesis -> texts.add(hypothesis.type()));
        texts.add(goal.target());
        for (String text : texts) {
            Matcher bars = ABSOLUTE_VALUE.matcher(text);
            while (bars.find()) {
                arguments.add(bars.group(1).strip());
            }
            int at = text.indexOf("abs (");
            while (at >= 0) {
                int open = at + "abs ".length();
                int close = closing(text, open);
                if (close > open) {
                    arguments.add(text.substring(open + 1, close).strip());
                }
                at = text.indexOf("abs (", at + 1);
            }
        }
        arguments.removeIf(String::isEmpty);
        return List.copyOf(arguments);
    }

    private static final Pattern ABSOLUTE_VALUE = Pattern.compile("\\|([^|]+)\\|");

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Squares of differences and sums of up to three numeric variables, then the facts: nlinarith's products. */
    static List<String> hints(String target, Set<String> variables, List<String> facts) {
        // The target's variables first: products of those are what nlinarith most often needs.
        List<String> used = variables.stream()
                .sorted(java.util.Comparator.comparing((String name) -> !mentions(target, name)))
                .limit(MAX_HINT_VARIABLES).toList();
        List<String> hints = new ArrayList<>();
        for (int first = 0; first < used.size(); first++) {
            for (int second = first + 1; second < used.size(); second++) {
                hints.add("sq_nonneg (" + used.get(first) + " - " + used.get(second) + ")");
                hints.add("sq_nonneg (" + used.get(first) + " + " + used.get(second) + ")");
            }
        }
        hints.addAll(facts.stream().limit(4).toList());
        return hints;
    }

    private static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_'])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}_'₀-₉])").matcher(text).find();
    }

    private static boolean usable(String name) {
        return IDENTIFIER.matcher(name).matches() && !name.contains("ᾰ") && !name.startsWith("_");
    }
}
