package org.lean3assist.bridge.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a candidate tactic may be sent to Lean. Model output is hostile input, so the
 * filter reasons about the whole candidate and allows only what a proof step needs:
 *
 * <ol>
 *   <li>One line of known characters, no comments, no strings, characters, quotations, {@code $},
 *       {@code #} or escapes, and at most {@value #MAX_LENGTH} characters.</li>
 *   <li>Tokens as Lean 3 reads them, with the tokens that open meta-level syntax refused
 *       ({@code @[}, {@code %%}, the hole brackets, a lone {@code .} which is the auto-param
 *       marker, the monadic operators), and numerals of at most 20 digits.</li>
 *   <li>Every name, in every position, checked part by part (and by what it looks like) against
 *       the proof holes, the meta-programming, IO, parser and environment API, the commands, and
 *       the string and name builders; see {@link #absoluteRefusal(String)}.</li>
 *   <li>The grammar of {@link CandidateGrammar}: every tactic position, also inside {@code by},
 *       {@code { … }}, combinators and {@code ;}/{@code <|>}/{@code [ … ]} sequencing, holds an
 *       allowed interactive tactic, never a raw term; and a name in a term that is what a meta
 *       function is called where the user's file opens its namespace ({@code open tactic}) is
 *       refused; see {@link #termPositionRefusal(String)}.</li>
 * </ol>
 *
 * <p>What the filter leaves to the verdict checks and the sandbox: time (a {@code repeat { }} that
 * loops, a huge power), memory, and the user's own meta definitions, which it cannot know.
 */
public final class SafetyFilter {

    /** The longest candidate considered; a tactic step is never longer. */
    public static final int MAX_LENGTH = 400;

    /**
     * Interactive tactics a tactic position may hold. Lean reads any other name there as a raw term
     * of type {@code tactic α} and runs it, so this list is the whole of what can run.
     */
    public static final Set<String> TACTICS = Set.of(
            "intro", "intros", "introv", "rintro", "rintros", "exact", "exacts", "apply", "fapply", "eapply", "refine",
            "refine'", "rw", "rewrite", "rwa", "erw", "nth_rewrite", "simp_rw", "simp", "dsimp", "simpa",
            "split", "split_ifs", "cases", "cases'", "rcases", "induction", "induction'", "left", "right", "existsi",
            "use", "constructor", "econstructor", "fconstructor", "refl", "reflexivity", "ac_refl", "assumption",
            "assumption'", "contradiction", "trivial", "dec_trivial", "norm_num", "norm_num1", "linarith",
            "nlinarith", "linear_combination", "positivity", "ring", "ring_nf", "ring_exp", "ring1", "abel", "group",
            "noncomm_ring", "tauto", "tautology", "finish", "tidy", "cc", "omega", "library_search",
            "unfold", "unfold1", "dunfold", "delta", "unfold_coes", "show", "have", "haveI", "obtain", "specialize",
            "by_contra", "by_contra'", "by_contradiction", "by_cases", "exfalso", "symmetry", "subst", "subst_vars",
            "injection", "injections", "clear", "clear_except", "revert", "generalize", "change", "let", "letI", "set",
            "replace", "suffices", "from", "assume", "apply_instance", "infer_instance", "exactI", "resetI",
            "apply_assumption", "solve_by_elim", "apply_rules", "congr", "congr'", "convert", "convert_to", "ext",
            "ext1", "funext", "push_neg", "norm_cast", "push_cast", "exact_mod_cast", "apply_mod_cast",
            "rw_mod_cast", "assumption_mod_cast", "field_simp", "zify", "qify", "lift", "done", "skip", "swap",
            "rotate", "rename", "casesm", "cases_matching", "constructor_matching", "mono", "interval_cases",
            "fin_cases", "choose", "contrapose", "apply_fun", "simp_intros", "refine_struct", "exact_dec_trivial",
            "trans", "transitivity", "nontriviality", "classical",
            "case", "try", "repeat", "all_goals", "any_goals", "iterate", "solve1", "focus", "work_on_goal");

    /**
     * Words refused as a {@code _}-separated word of any name part ({@code mk_sorry},
     * {@code my_admit_lemma}, {@code unchecked_cast}): they only ever name proof holes or code that
     * escapes the type checker.
     */
    static final Set<String> HOLE_WORDS = Set.of("sorry", "admit", "cheat", "unsafe", "undefined", "unchecked");

    /**
     * Name parts that belong to Lean's meta-programming, IO, parser and environment API. A proof step
     * needs none of them, and with them it can run a shell, read files, add axioms or parse a command.
     */
    static final Set<String> META_PARTS = Set.of(
            "tactic", "io", "lean", "interaction_monad", "expr", "pexpr", "name", "environment", "declaration",
            "native", "vm", "vm_core", "vm_obj", "vm_decl", "vm_eval", "io_core", "system", "process", "fs",
            "format", "options", "user_attribute", "attribute", "attributes", "widget", "interactive", "smt_tactic",
            "conv", "cc_state", "simp_lemmas", "task", "reflected", "has_reflect", "quote", "auto_param",
            "opt_param", "trust", "sorry_ax", "level", "parser", "tactic_state", "type_context", "local_context",
            "run_cmd", "run_tac", "run_io", "unsafe_run_io", "eval_expr", "add_decl", "trace", "polyrith",
            "has_to_tactic_format");

    /** Prefixes of a name part that only meta-level names have ({@code monad_io_process_impl}, {@code io_core}). */
    static final List<String> META_PREFIXES = List.of("monad_io", "io_", "tactic_", "vm_", "interaction_monad", "smt_");

    /** Suffixes of the core library's built-in implementations behind the meta API. */
    static final List<String> META_SUFFIXES = List.of("_impl", "_core");

    /**
     * Name parts that build strings, characters or names from numbers. Only a meta-program needs
     * them: they are how an attacker spells, at run time, a name this filter refuses as text.
     */
    static final Set<String> STRING_BUILDERS = Set.of(
            "char", "string", "string_imp", "repr", "has_repr", "to_string", "as_string", "has_to_string",
            "to_format", "has_to_format", "to_fmt", "mk_string", "mk_str_name", "mk_num_name", "mk_simple_name",
            "mk_name", "of_string", "to_name");

    /**
     * Keywords and command names: each starts or ends a command or a block, or is monadic code. The
     * commands that start with {@code #} ({@code #eval}, {@code #print}) are refused by their first
     * character, so {@code eval} and {@code print} stay free for names such as {@code polynomial.eval}.
     */
    static final Set<String> COMMANDS = Set.of(
            "meta", "import", "set_option", "axiom", "axioms", "constant", "constants", "theorem", "lemma", "def",
            "definition", "example", "instance", "namespace", "section", "end", "begin", "match", "open", "export",
            "universe", "universes", "variable", "variables", "parameter", "parameters", "notation", "infix",
            "infixl", "infixr", "prefix", "postfix", "local", "precedence", "reserve", "inductive", "coinductive",
            "structure", "class", "mutual", "include", "omit", "private", "protected", "noncomputable",
            "abbreviation", "init_quotient", "declare_trace", "add_key_equivalence", "do", "run_parser",
            "mk_simp_attribute", "library_note", "add_tactic_doc", "emit_code");

    /** Why a few names are refused, when the general reason would not say it well. */
    private static final Map<String, String> SPECIAL_REASONS = Map.of(
            "conv", "conv has its own tactic language, which this filter does not check",
            "conv_lhs", "conv has its own tactic language, which this filter does not check",
            "conv_rhs", "conv has its own tactic language, which this filter does not check",
            "run_tac", "run_tac runs a term as a tactic, so anything could run",
            "polyrith", "polyrith runs an external program",
            "abstract", "abstract adds an auxiliary declaration to the environment");

    /**
     * Namespaces whose short names an {@code open} in the user's file would bring into scope. The user's
     * file is trusted, and meta files do write {@code open tactic} or {@code open lean.parser}; then
     * {@code get_env} means {@code tactic.get_env} and must be refused in a term like the full name.
     */
    static final List<String> OPENED_NAMESPACES = List.of(
            "tactic", "tactic.interactive", "interactive", "io", "io.fs", "io.proc", "io.env", "lean",
            "lean.parser", "environment", "expr", "interaction_monad", "native", "declaration", "name", "vm");

    /**
     * Short meta names that are also ordinary words in proofs ({@code exact trivial}, a hypothesis
     * named {@code pos} or {@code step}). Each of their meta namesakes only reads state or combines
     * tactics, so in a term they can do nothing that the other rules would let run.
     */
    static final Set<String> ORDINARY_SHORT_NAMES = Set.of(
            "trivial", "funext", "congr", "refl", "cmp", "pos", "val", "value", "type", "lt", "imp", "add", "append",
            "left", "right", "first", "step", "tag", "target", "result", "mode", "hash", "note", "seq", "swap", "get");

    /** Meta-only namespaces of the generated table that are also common hypothesis names ({@code pos.le}). */
    static final Set<String> ORDINARY_NAMESPACES = Set.of("pos");

    /** Keywords, which cannot name a declaration and so cannot reach a meta value. */
    static final Set<String> KEYWORDS = Set.of(
            "fun", "Pi", "let", "in", "at", "have", "assume", "show", "suffices", "if", "then", "else", "by", "from",
            "with", "without", "calc", "using", "Type", "Sort", "Prop", "forall", "exists", "only", "generalizing",
            "hiding", "replacing", "renaming", "extends");

    /** Greek letters Lean accepts in identifiers that look like Latin ones. */
    private static final Map<Character, Character> LOOKALIKES = Map.ofEntries(
            Map.entry('ο', 'o'), Map.entry('ν', 'v'), Map.entry('ι', 'i'), Map.entry('κ', 'k'), Map.entry('τ', 't'),
            Map.entry('υ', 'u'), Map.entry('ρ', 'p'), Map.entry('α', 'a'), Map.entry('ε', 'e'), Map.entry('Α', 'a'),
            Map.entry('Β', 'b'), Map.entry('Ε', 'e'), Map.entry('Ζ', 'z'), Map.entry('Η', 'h'), Map.entry('Ι', 'i'),
            Map.entry('Κ', 'k'), Map.entry('Μ', 'm'), Map.entry('Ν', 'n'), Map.entry('Ο', 'o'), Map.entry('Ρ', 'p'),
            Map.entry('Τ', 't'), Map.entry('Υ', 'y'), Map.entry('Χ', 'x'), Map.entry('ϲ', 'c'), Map.entry('ϳ', 'j'));

    private static final MetaNames META_NAMES = MetaNames.load("lean3-meta-names.txt");

    private SafetyFilter() {
    }

    public static SafetyVerdict check(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return SafetyVerdict.reject("the candidate is empty");
        }
        if (candidate.length() > MAX_LENGTH) {
            return SafetyVerdict.reject("the candidate is longer than " + MAX_LENGTH + " characters");
        }
        Optional<String> characters = characterRefusal(candidate);
        if (characters.isPresent()) {
            return SafetyVerdict.reject(characters.get());
        }
        if (candidate.contains("--") || candidate.contains("/-") || candidate.contains("-/")) {
            return SafetyVerdict.reject("comments are not allowed: they could hide text from this filter");
        }
        try {
            List<CandidateGrammar.Token> tokens = CandidateGrammar.tokens(candidate);
            for (CandidateGrammar.Token token : tokens) {
                if (token.kind() == CandidateGrammar.Kind.NAME || token.kind() == CandidateGrammar.Kind.FIELD) {
                    Optional<String> refusal = absoluteRefusal(token.text());
                    if (refusal.isPresent()) {
                        return SafetyVerdict.reject(refusal.get());
                    }
                }
            }
            CandidateGrammar.check(tokens);
        } catch (CandidateGrammar.Refusal refusal) {
            return SafetyVerdict.reject(refusal.getMessage());
        }
        return SafetyVerdict.accept();
    }

    private static Optional<String> characterRefusal(String candidate) {
        for (int index = 0; index < candidate.length(); ) {
            int codePoint = candidate.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == '\n' || codePoint == '\r' || codePoint == 0x2028 || codePoint == 0x2029 || codePoint == 0x85) {
                return Optional.of("a candidate must be one line: a new line could start a new command");
            }
            if (codePoint == '«' || codePoint == '»') {
                return Optional.of("escaped identifiers «…» are not allowed: they can spell any name, even a keyword");
            }
            if (codePoint >= 0x20 && codePoint < 0x7F) {
                if ("\"`$#\\".indexOf(codePoint) >= 0) {
                    return Optional.of("the character '" + Character.toString(codePoint)
                            + "' is not allowed (strings, quotations, antiquotations, escapes and commands)");
                }
                continue;
            }
            if (!CandidateGrammar.isAllowedNonAscii(codePoint)) {
                return Optional.of(String.format("the character U+%04X is not allowed", codePoint));
            }
        }
        return Optional.empty();
    }

    /**
     * Why a name may appear nowhere in a candidate, or empty. Each dotted part is checked as written
     * and as it looks ({@link #skeleton}), so {@code _root_.tactic.x}, {@code my.io.x} and
     * {@code sοrry} with a Greek omicron are all caught.
     */
    static Optional<String> absoluteRefusal(String identifier) {
        String[] parts = identifier.split("\\.");
        for (String part : parts) {
            for (String form : List.of(part, skeleton(part))) {
                String shown = form.equals(part) ? "'" + identifier + "'" : "'" + identifier + "' (looks like '" + form + "')";
                if (SPECIAL_REASONS.containsKey(form)) {
                    return Optional.of("the name " + shown + " is not allowed: " + SPECIAL_REASONS.get(form));
                }
                for (String word : form.split("_")) {
                    if (HOLE_WORDS.contains(word)) {
                        return Optional.of("the name " + shown + " contains '" + word
                                + "', which names a proof hole or unsafe code");
                    }
                }
                if (META_PARTS.contains(form) || META_PREFIXES.stream().anyMatch(form::startsWith)) {
                    return Optional.of("the name " + shown + " is not allowed: '" + form + "' belongs to Lean's"
                            + " meta-programming, IO or environment API, which a proof step never needs");
                }
                if (META_SUFFIXES.stream().anyMatch(form::endsWith)) {
                    return Optional.of("the name " + shown + " is not allowed: names ending in _impl or _core are the"
                            + " built-in implementations behind the meta API");
                }
                if (STRING_BUILDERS.contains(form)) {
                    return Optional.of("the name " + shown + " is not allowed: '" + form + "' builds strings, characters"
                            + " or names, which only a meta-program needs (to spell a refused name at run time)");
                }
                if (COMMANDS.contains(form)) {
                    return Optional.of("the name " + shown + " is not allowed: '" + form
                            + "' starts or ends a command or block, or is monadic code");
                }
            }
        }
        String unrooted = identifier.startsWith("_root_.") ? identifier.substring("_root_.".length()) : identifier;
        String namespace = unrooted.contains(".") ? unrooted.substring(0, unrooted.indexOf('.')) : "";
        if (META_NAMES.namespaces().contains(namespace) && !ORDINARY_NAMESPACES.contains(namespace)) {
            return Optional.of("the name '" + identifier + "' is not allowed: the namespace '" + namespace
                    + "' holds only meta-level declarations");
        }
        if (unrooted.contains(".") && META_NAMES.names().contains(unrooted)) {
            return Optional.of("the name '" + identifier + "' is not allowed: it is a meta-level declaration of"
                    + " Lean's core library");
        }
        return Optional.empty();
    }

    /**
     * Why a name may not appear in a term, or empty: it is what a meta-level declaration is called
     * where the user's file opens one of {@link #OPENED_NAMESPACES} ({@code get_env},
     * {@code run_with_input}, {@code parser.command_like}), or a top-level meta declaration
     * ({@code mk_simple_name}). Not applied to an interactive tactic at a tactic position, which
     * Lean looks up under {@code tactic.interactive} on its own, nor to keywords.
     */
    static Optional<String> termPositionRefusal(String identifier) {
        String unrooted = identifier.startsWith("_root_.") ? identifier.substring("_root_.".length()) : identifier;
        if (KEYWORDS.contains(unrooted) || ORDINARY_SHORT_NAMES.contains(unrooted)) {
            return Optional.empty();
        }
        String meaning = META_NAMES.shortNames().get(unrooted);
        if (meaning == null) {
            return Optional.empty();
        }
        return Optional.of("the name '" + identifier + "' is not allowed in a term: it is how '" + meaning
                + "' is written where its namespace is open, and that is meta-level code");
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

    /**
     * The generated table of the core library's meta API ({@code lean3-meta-names.txt}, beside this
     * class): its meta-only namespaces, its full names, and the short spellings of those names under
     * each of {@link #OPENED_NAMESPACES}, each mapped to the full name it stands for.
     */
    record MetaNames(Set<String> namespaces, Set<String> names, Map<String, String> shortNames) {

        static MetaNames load(String resource) {
            Set<String> namespaces = new HashSet<>();
            Set<String> names = new HashSet<>();
            Map<String, String> shortNames = new HashMap<>();
            try (InputStream stream = SafetyFilter.class.getResourceAsStream(resource)) {
                if (stream == null) {
                    throw new IllegalStateException("the resource " + resource + " is missing beside SafetyFilter");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                List<String> metaNames = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("namespace ")) {
                        namespaces.add(line.substring("namespace ".length()));
                    } else if (line.startsWith("name ")) {
                        metaNames.add(line.substring("name ".length()));
                    }
                }
                names.addAll(metaNames);
                metaNames.stream().filter(name -> !name.contains(".")).forEach(name -> shortNames.putIfAbsent(name, name));
                // In the order of OPENED_NAMESPACES, so that get_env is explained as tactic.get_env.
                for (String opened : OPENED_NAMESPACES) {
                    for (String name : metaNames) {
                        if (name.startsWith(opened + ".")) {
                            shortNames.putIfAbsent(name.substring(opened.length() + 1), name);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + resource, e);
            }
            return new MetaNames(Set.copyOf(namespaces), Set.copyOf(names), Map.copyOf(shortNames));
        }
    }
}
