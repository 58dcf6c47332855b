package org.lean3assist.bridge.verify;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;

/**
 * Decides whether a candidate tactic may be sent to Lean. Model output is untrusted, so this is
 * an allow-list: a candidate passes only if it is one line of known-safe characters that lexes
 * into identifiers, numerals and known symbols, every tactic in it starts with a known tactic
 * name, and no identifier (or part of a dotted name, or a look-alike of one) names something that
 * can run IO, change the environment, fake a proof, or end the tactic block.
 *
 * <p>Brackets must pair correctly where they close, but a candidate may leave one open or close
 * one too many: with comments, strings and quotations refused and every command keyword refused,
 * an imbalance can only make Lean report a parse error in the candidate's own declaration, and
 * Lean's message is more useful to the user than a refusal.
 */
public final class SafetyFilter {

    /** The longest candidate considered; a tactic step is never longer. */
    public static final int MAX_LENGTH = 400;

    /** Tactic names a candidate (and each tactic inside a combinator) may start with. */
    public static final Set<String> TACTICS = Set.of(
            "intro", "intros", "introv", "rintro", "rintros", "exact", "exacts", "apply", "refine", "refine'",
            "rw", "rewrite", "rwa", "erw", "nth_rewrite", "simp", "simp_all", "dsimp", "simpa", "split",
            "cases", "rcases", "induction", "left", "right", "existsi", "use", "constructor", "econstructor",
            "fconstructor", "refl", "reflexivity", "assumption", "contradiction", "trivial", "dec_trivial",
            "norm_num", "linarith", "nlinarith", "ring", "ring_nf", "ring_exp", "tauto", "tautology", "finish", "cc",
            "unfold", "unfold1", "dunfold", "delta", "show", "have", "obtain", "specialize", "by_contra",
            "by_contradiction", "by_cases", "exfalso", "symmetry", "subst", "subst_vars", "injection", "injections",
            "clear", "revert", "generalize", "change", "let", "set", "suffices", "from", "assume", "apply_instance",
            "apply_assumption", "solve_by_elim", "congr", "congr'", "ext", "funext", "omega", "push_neg",
            "norm_cast", "exact_mod_cast", "apply_mod_cast", "rw_mod_cast", "field_simp", "abel", "done", "skip",
            "swap", "rotate", "rename", "casesm", "constructor_matching", "mono", "positivity", "interval_cases",
            "fin_cases", "choose", "lift", "contrapose", "contrapose!", "simp_intros", "apply_rules", "library_search",
            "refine_struct", "exact_dec_trivial", "trans", "transitivity", "clear_except", "case",
            "try", "repeat", "all_goals", "any_goals", "iterate", "solve1", "focus");

    /** Tactics whose argument is a tactic block in braces. */
    private static final Set<String> COMBINATORS = Set.of("try", "repeat", "all_goals", "any_goals", "iterate",
            "solve1", "focus", "case");

    /** Tactics in which {@code :=} at bracket depth 0 is part of the tactic, not a new command. */
    private static final Set<String> DEFINING_TACTICS = Set.of("have", "let", "obtain", "set", "suffices");

    /**
     * Names refused anywhere, also as a part of a dotted name and as a prefix before {@code _}:
     * proof holes, IO and meta-programming entry points, and the keywords that start or end a
     * command or block.
     */
    public static final Set<String> FORBIDDEN_NAMES = Set.of(
            "sorry", "admit", "cheat", "sorry_ax", "unsafe", "unsafe_run_io", "run_io", "io", "run_cmd", "run_tac",
            "meta", "import", "set_option", "attribute", "attributes", "tactic", "native", "vm", "vm_eval",
            "environment", "user_attribute", "eval_expr", "trust", "axiom", "axioms", "constant", "constants",
            "theorem", "lemma", "def", "definition", "example", "instance", "namespace", "section", "end", "begin",
            "match", "open", "export", "universe", "universes", "variable", "variables", "parameter", "parameters",
            "notation", "infix", "infixl", "infixr", "prefix", "postfix", "local", "precedence", "reserve",
            "inductive", "coinductive", "structure", "class", "mutual", "include", "omit", "private", "protected",
            "noncomputable", "abbreviation", "init_quotient", "declare_trace", "add_key_equivalence", "do",
            "run_parser", "exit", "print", "reduce", "check", "eval", "help", "mk_simp_attribute", "library_note",
            "add_decl", "add_tactic_doc", "emit_code", "format", "trace", "system", "process", "fs", "undefined");

    /**
     * Words refused also inside a name, as one of its {@code _}-separated parts ({@code mk_sorry},
     * {@code tactic.unsafe_run_io}): they only ever name proof holes or unsafe code.
     */
    public static final Set<String> FORBIDDEN_WORDS = Set.of("sorry", "admit", "cheat", "unsafe", "undefined");

    /** Symbols a candidate may use; anything else (quotes, {@code $}, {@code #}, {@code `}, …) is refused. */
    private static final Set<String> SYMBOLS = Set.of(
            "(", ")", "[", "]", "{", "}", "⟨", "⟩", ",", ";", ":", ":=", "<|>", "_", ".", "..", "+", "-", "*", "/",
            "^", "%", "=", "<", ">", "<=", ">=", "!=", "≠", "≤", "≥", "∣", "|", "→", "←", "->", "<-", "↔", "∧",
            "∨", "¬", "∀", "∃", "λ", "Π", "Σ", "∘", "×", "∈", "∉", "⊆", "⊂", "∪", "∩", "⊢", "⁻¹", "∑", "∏",
            "≃", "≅", "⊤", "⊥", "•", "·", "∅", "⋃", "⋂", "∞", "↑", "⇑", "↥", "≡", "⊓", "⊔", "++", "::", "!", "?",
            "@", "&&", "||", "==", ">>", "⦃", "⦄", "‹", "›", "∂", "√", "∫", "≈", "≪", "≫", "⊗", "⊕", "∗", "′");

    private static final Set<String> BINDERS = Set.of("∀", "∃", "λ", "Π", "Σ", "assume", "fun", "∃!");

    private static final Map<String, String> PAIRS = Map.of("(", ")", "[", "]", "{", "}", "⟨", "⟩", "⦃", "⦄", "‹", "›");

    /** Greek letters Lean accepts in identifiers that look like Latin ones. */
    private static final Map<Character, Character> LOOKALIKES = Map.ofEntries(
            Map.entry('ο', 'o'), Map.entry('ν', 'v'), Map.entry('ι', 'i'), Map.entry('κ', 'k'), Map.entry('τ', 't'),
            Map.entry('υ', 'u'), Map.entry('ρ', 'p'), Map.entry('α', 'a'), Map.entry('ε', 'e'), Map.entry('Α', 'a'),
            Map.entry('Β', 'b'), Map.entry('Ε', 'e'), Map.entry('Ζ', 'z'), Map.entry('Η', 'h'), Map.entry('Ι', 'i'),
            Map.entry('Κ', 'k'), Map.entry('Μ', 'm'), Map.entry('Ν', 'n'), Map.entry('Ο', 'o'), Map.entry('Ρ', 'p'),
            Map.entry('Τ', 't'), Map.entry('Υ', 'y'), Map.entry('Χ', 'x'), Map.entry('ϲ', 'c'), Map.entry('ϳ', 'j'));

    private SafetyFilter() {
    }

    public static SafetyVerdict check(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return SafetyVerdict.reject("the candidate is empty");
        }
        if (candidate.length() > MAX_LENGTH) {
            return SafetyVerdict.reject("the candidate is longer than " + MAX_LENGTH + " characters");
        }
        SafetyVerdict characters = checkCharacters(candidate);
        if (!characters.accepted()) {
            return characters;
        }
        if (candidate.contains("--") || candidate.contains("/-") || candidate.contains("-/")) {
            return SafetyVerdict.reject("comments are not allowed: they could hide text from this filter");
        }
        List<LeanToken> tokens = LeanScanner.scan(candidate);
        for (LeanToken token : tokens) {
            SafetyVerdict verdict = checkToken(token);
            if (!verdict.accepted()) {
                return verdict;
            }
        }
        return checkStructure(tokens);
    }

    private static SafetyVerdict checkCharacters(String candidate) {
        for (int index = 0; index < candidate.length(); ) {
            int codePoint = candidate.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == '\n' || codePoint == '\r' || codePoint == 0x2028 || codePoint == 0x2029 || codePoint == 0x85) {
                return SafetyVerdict.reject("a candidate must be one line: a new line could start a new command");
            }
            boolean printableAscii = codePoint >= 0x20 && codePoint < 0x7F;
            if (printableAscii) {
                if ("\"`$#\\".indexOf(codePoint) >= 0) {
                    return SafetyVerdict.reject("the character '" + Character.toString(codePoint)
                            + "' is not allowed (strings, quotations, antiquotations, escapes and commands)");
                }
                continue;
            }
            String symbol = Character.toString(codePoint);
            if (LeanScanner.isIdentifierRest(codePoint) || SYMBOLS.contains(symbol) || symbol.equals("⁻") || symbol.equals("¹")) {
                continue;
            }
            return SafetyVerdict.reject(String.format("the character U+%04X is not allowed", codePoint));
        }
        return SafetyVerdict.accept();
    }

    private static SafetyVerdict checkToken(LeanToken token) {
        switch (token.kind()) {
            case STRING:
                return SafetyVerdict.reject("string literals are not allowed");
            case CHARACTER:
                return SafetyVerdict.reject("character literals are not allowed");
            case ESCAPED_IDENTIFIER:
                return SafetyVerdict.reject("escaped identifiers «…» are not allowed");
            case NUMBER:
                return SafetyVerdict.accept();
            case SYMBOL:
                if (token.text().equals("@[")) {
                    return SafetyVerdict.reject("attributes @[…] are not allowed");
                }
                return SYMBOLS.contains(token.text())
                        ? SafetyVerdict.accept()
                        : SafetyVerdict.reject("the symbol '" + token.text() + "' is not allowed");
            case IDENTIFIER:
            default:
                return checkIdentifier(token.text());
        }
    }

    private static SafetyVerdict checkIdentifier(String identifier) {
        for (String part : identifier.split("\\.")) {
            for (String form : List.of(part, skeleton(part))) {
                String shown = form.equals(part) ? "'" + identifier + "'" : "'" + identifier + "' (looks like '" + form + "')";
                for (String word : form.split("_")) {
                    if (FORBIDDEN_WORDS.contains(word)) {
                        return SafetyVerdict.reject("the name " + shown + " contains '" + word
                                + "', which names a proof hole or unsafe code");
                    }
                }
                for (String forbidden : FORBIDDEN_NAMES) {
                    if (form.equals(forbidden) || form.startsWith(forbidden + "_")) {
                        return SafetyVerdict.reject("the name " + shown + " is not allowed: '" + forbidden
                                + "' could run code, change the environment, fake a proof or leave the tactic block");
                    }
                }
            }
        }
        return SafetyVerdict.accept();
    }

    /**
     * A name reduced to what it looks like: compatibility forms folded (𝓈 → s), Greek look-alikes
     * mapped to Latin letters, subscripts and primes dropped, lower case. Lean itself would treat
     * such a name as a different identifier; refusing it anyway keeps tricks out of the logs and
     * out of the user's view.
     */
    static String skeleton(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder skeleton = new StringBuilder();
        for (char character : folded.toCharArray()) {
            char mapped = LOOKALIKES.getOrDefault(character, character);
            if (Character.isLetter(mapped) || mapped == '_') {
                skeleton.append(mapped);
            }
        }
        return skeleton.toString().toLowerCase(Locale.ROOT);
    }

    private static SafetyVerdict checkStructure(List<LeanToken> tokens) {
        Deque<String> open = new ArrayDeque<>();
        Deque<Boolean> tacticBlock = new ArrayDeque<>();
        Deque<String> headAtDepth = new ArrayDeque<>();
        Deque<int[]> bindersAtDepth = new ArrayDeque<>();
        headAtDepth.push("");
        bindersAtDepth.push(new int[1]);
        boolean expectTactic = true;
        String previous = "";
        for (LeanToken token : tokens) {
            String text = token.text();
            boolean inTacticContext = tacticBlock.isEmpty() || tacticBlock.peek();
            if (expectTactic) {
                if (text.equals("{") || text.equals("(")) {
                    // A focused block "{ … }" or a parenthesised tactic opens a new tactic context.
                    open.push(text);
                    tacticBlock.push(true);
                    headAtDepth.push("");
                    bindersAtDepth.push(new int[1]);
                    previous = text;
                    continue;
                }
                if (PAIRS.containsValue(text)) {
                    expectTactic = false;
                } else if (token.kind() != LeanToken.Kind.IDENTIFIER || !TACTICS.contains(text)) {
                    return SafetyVerdict.reject("'" + text + "' is not a known tactic; a candidate (and every tactic"
                            + " in it) must start with one of the allowed tactic names");
                } else {
                    headAtDepth.pop();
                    headAtDepth.push(text);
                    bindersAtDepth.peek()[0] = 0;
                    expectTactic = false;
                    previous = text;
                    continue;
                }
            }
            if (PAIRS.containsKey(text)) {
                boolean opensTactics = text.equals("{") && (COMBINATORS.contains(previous)
                        || COMBINATORS.contains(headAtDepth.peek()) && token.kind() == LeanToken.Kind.SYMBOL
                        && !previous.equals(":"));
                open.push(text);
                tacticBlock.push(opensTactics);
                headAtDepth.push("");
                bindersAtDepth.push(new int[1]);
                expectTactic = opensTactics;
            } else if (PAIRS.containsValue(text)) {
                if (!open.isEmpty()) {
                    String expected = PAIRS.get(open.peek());
                    if (!expected.equals(text)) {
                        return SafetyVerdict.reject("'" + text + "' closes '" + open.peek() + "'");
                    }
                    open.pop();
                    tacticBlock.pop();
                    headAtDepth.pop();
                    bindersAtDepth.pop();
                }
            } else if (BINDERS.contains(text)) {
                bindersAtDepth.peek()[0]++;
            } else if (text.equals(",")) {
                if (bindersAtDepth.peek()[0] > 0) {
                    bindersAtDepth.peek()[0]--;
                } else if (inTacticContext) {
                    expectTactic = true;
                }
            } else if (text.equals(";") || text.equals("<|>")) {
                if (inTacticContext) {
                    expectTactic = true;
                }
            } else if (text.equals(":=") && open.isEmpty() && !DEFINING_TACTICS.contains(headAtDepth.peek())) {
                return SafetyVerdict.reject("':=' at top level is only allowed in have, let, obtain, set and suffices");
            }
            previous = text;
        }
        return SafetyVerdict.accept();
    }
}
