package org.lean3assist.bridge.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safety filter's reading of a candidate: tokens as Lean 3's scanner makes them, and a grammar
 * that finds every tactic position, however deeply it is nested, so that each one can be held to
 * the same rule.
 *
 * <p>The rule comes from Lean's tactic parser ({@code frontends/lean/tactic_notation.cpp}): at a
 * tactic position, a name that is an interactive tactic is parsed as that tactic, and anything else
 * is parsed as a term and run as a {@code tactic α}. So a tactic position must hold an allowed
 * interactive tactic, {@code { … }}, {@code by …} or (after {@code ;}) {@code [ … ]}; a parenthesis
 * or any other name there is refused. Tactic positions are: the start of the candidate; after
 * {@code ,}, {@code ;} and {@code <|>} in a tactic sequence; inside {@code { … }} at a tactic
 * position, after a combinator ({@code try { … }}) and after a comma in a term ({@code show t,
 * { … }}, which Lean reads as a tactic block); and after {@code by} anywhere, which extends over
 * {@code ;} and {@code <|>} up to the next comma that no binder takes, closing bracket, or the end.
 * {@code begin} is refused outright: a candidate is one step.
 *
 * <p>The grammar is an approximation of Lean's parser, and Lean recovers from a parse error by
 * skipping to the next comma and parsing a tactic there. So the safety of the filter must not rest
 * on the grammar alone: names are checked the same way in every position (see
 * {@link SafetyFilter#absoluteRefusal}), and the grammar only adds rules. Where the grammar cannot
 * tell, it chooses the stricter reading.
 */
final class CandidateGrammar {

    /**
     * The longest numeral allowed. A proof step never needs a longer constant, and a long numeral is
     * the cheapest way to carry data (a string decoded with {@code nat.shiftr}) or to make Lean
     * build a huge binary term.
     */
    static final int MAX_NUMERAL_DIGITS = 20;

    /** The most repetitions {@code iterate n { … }} may ask for; real proofs use a handful. */
    static final int MAX_ITERATIONS = 100;

    /** The kinds of token the grammar tells apart. */
    enum Kind {
        /** An identifier or keyword, possibly dotted: {@code nat.succ_le_iff}, {@code by}, {@code _}. */
        NAME,
        /** A field after a dot, without the dot: {@code symm} in {@code (h x).symm}. */
        FIELD,
        /** A numeral, a decimal or a projection such as {@code .2}. */
        NUMBER,
        /** Any allowed symbol. */
        SYMBOL,
        /** The end of the candidate. */
        END
    }

    /** One token of a candidate. */
    record Token(Kind kind, String text) {

        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbolOrKeyword);
        }
    }

    /** A refusal with the one-sentence reason the user is shown. */
    static final class Refusal extends RuntimeException {

        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Symbols a candidate may use, longest first so that the scanner takes the longest match. */
    private static final List<String> SYMBOLS = sortedLongestFirst(List.of(
            "...", "..", "<|>", ":=", "<->", "->", "<-", "<=", ">=", "!=", "&&", "||", "==", "++", "::", "//", "()",
            "⁻¹", "Σ'", "∃!", "(", ")", "[", "]", "{", "}", "⟨", "⟩", "⦃", "⦄", "‹", "›", ",", ";", ":", "+", "-",
            "*", "/", "^", "%", "=", "<", ">", "≠", "≤", "≥", "∣", "|", "→", "←", "↔", "∧", "∨", "¬", "∀", "∃", "λ",
            "Π", "Σ", "∘", "×", "∈", "∉", "⊆", "⊂", "∪", "∩", "⊢", "∑", "∏", "≃", "≅", "⊤", "⊥", "•", "·", "∅", "⋃",
            "⋂", "∞", "↑", "⇑", "↥", "≡", "⊓", "⊔", "!", "?", "@", "∂", "√", "∫", "≈", "≪", "≫", "⊗", "⊕", "∗"));

    /**
     * Tokens of Lean 3 that are made of allowed characters but open meta-level syntax, with why.
     * They are matched before {@link #SYMBOLS}, longest first, as Lean's scanner would.
     */
    private static final Map<String, String> REFUSED_TOKENS = Map.ofEntries(
            Map.entry("@[", "attributes @[…] are not allowed: they change how declarations are used"),
            Map.entry("@@", "'@@' is not allowed: a proof step never needs partial explicit arguments"),
            Map.entry("%%", "antiquotations %% are not allowed: they splice meta-level values into terms"),
            Map.entry("{!", "holes {! !} are not allowed: they run hole commands"),
            Map.entry("!}", "holes {! !} are not allowed: they run hole commands"),
            Map.entry("(:", "pattern brackets (: :) are not allowed: a proof step never needs them"),
            Map.entry(":)", "pattern brackets (: :) are not allowed: a proof step never needs them"),
            Map.entry(".(", "inaccessible patterns .( ) are not allowed: a proof step never needs them"),
            Map.entry("._", "inaccessible patterns ._ are not allowed: a proof step never needs them"),
            Map.entry("^.", "'^.' is not allowed: write the field with '.' instead"),
            Map.entry(">>=", "the monadic operator '>>=' is not allowed: it only builds meta-programs"),
            Map.entry(">>", "the monadic operator '>>' is not allowed: it only builds meta-programs"),
            Map.entry("<$>", "the monadic operator '<$>' is not allowed: it only builds meta-programs"),
            Map.entry("<*>", "the monadic operator '<*>' is not allowed: it only builds meta-programs"),
            Map.entry("<$", "the monadic operator '<$' is not allowed: it only builds meta-programs"),
            Map.entry("<*", "the monadic operator '<*' is not allowed: it only builds meta-programs"),
            Map.entry("*>", "the monadic operator '*>' is not allowed: it only builds meta-programs"),
            Map.entry("|>", "'|>' is not allowed: like '$', it applies a function to everything on one side"),
            Map.entry("<|", "'<|' is not allowed: like '$', it applies a function to everything after it"));

    private static final List<String> ALL_TOKENS = sortedLongestFirst(
            concat(SYMBOLS, List.copyOf(REFUSED_TOKENS.keySet())));

    private static final Map<String, String> CLOSER_OF = Map.of(
            "(", ")", "[", "]", "{", "}", "⟨", "⟩", "⦃", "⦄", "‹", "›");

    private static final Set<String> CLOSERS = Set.of(")", "]", "}", "⟩", "⦄", "›");

    /**
     * Tokens after which a comma belongs to the term (a binder list) rather than ending anything. The
     * big operators are mathlib notation; where they are not notation, Lean's scanner stops the whole
     * declaration at them, so counting them as binders is never the weaker reading.
     */
    private static final Set<String> BINDERS = Set.of("∀", "∃", "∃!", "λ", "Π", "Σ", "Σ'", "fun", "assume", "Pi",
            "forall", "exists", "∑", "∏", "⋃", "⋂", "∫");

    /** Combinators whose argument is a tactic block; Lean accepts only {@code { … }} or {@code begin … end} there. */
    private static final Set<String> COMBINATORS = Set.of("try", "repeat", "all_goals", "any_goals", "iterate",
            "solve1", "focus", "case", "work_on_goal");

    /** Tactics in which {@code :=} at their own level introduces what they define. */
    private static final Set<String> DEFINING_TACTICS = Set.of("have", "haveI", "let", "letI", "obtain", "set",
            "suffices", "replace");

    /**
     * Fields of tactic configurations whose value is itself a tactic or a meta-level function
     * ({@code simp {discharger := …}}, {@code solve_by_elim {pre_apply := …}}, {@code tidy {tactics := …}},
     * {@code linarith {preprocessors := …}}, {@code tauto {closer := …}}): it would run, unchecked by
     * the grammar, so they are refused.
     */
    private static final Set<String> TACTIC_VALUED_FIELDS = Set.of("discharger", "dec_tac", "rel_tac", "prove",
            "pre_apply", "accept", "tactics", "lemma_thunks", "ctx_thunk", "preprocessors", "oracle", "closer");

    private final List<Token> tokens;
    private int at;

    private CandidateGrammar(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Whether a character outside ASCII may appear in a candidate: a name character or an allowed symbol. */
    static boolean isAllowedNonAscii(int codePoint) {
        if (isIdentifierRest(codePoint) || codePoint == '⁻' || codePoint == '¹') {
            return true;
        }
        String character = Character.toString(codePoint);
        return SYMBOLS.stream().anyMatch(symbol -> symbol.contains(character));
    }

    /**
     * The candidate's tokens, ending with an {@link Kind#END} token.
     *
     * @throws Refusal on a character literal, a lone {@code .}, a refused token or a numeral that is too long
     */
    static List<Token> tokens(String candidate) {
        List<Token> tokens = new ArrayList<>();
        int index = 0;
        while (index < candidate.length()) {
            int codePoint = candidate.codePointAt(index);
            if (codePoint == ' ' || codePoint == '\t') {
                index++;
            } else if (isIdentifierStart(codePoint)) {
                int end = scanName(candidate, index);
                tokens.add(new Token(Kind.NAME, candidate.substring(index, end)));
                index = end;
            } else if (codePoint >= '0' && codePoint <= '9') {
                int end = scanNumber(candidate, index);
                tokens.add(new Token(Kind.NUMBER, candidate.substring(index, end)));
                index = end;
            } else if (codePoint == '.' && !candidate.startsWith("..", index)) {
                index = scanAfterDot(candidate, index, tokens);
            } else if (codePoint == '\'') {
                throw new Refusal("character literals ('c') are not allowed");
            } else {
                int symbolStart = index;
                String symbol = ALL_TOKENS.stream().filter(token -> candidate.startsWith(token, symbolStart)).findFirst()
                        .orElseThrow(() -> new Refusal("the symbol '" + Character.toString(codePoint) + "' is not allowed"));
                if (REFUSED_TOKENS.containsKey(symbol)) {
                    throw new Refusal(REFUSED_TOKENS.get(symbol));
                }
                tokens.add(new Token(Kind.SYMBOL, symbol));
                index += symbol.length();
            }
        }
        tokens.add(new Token(Kind.END, ""));
        return tokens;
    }

    /**
     * Checks the structure of a tokenized candidate.
     *
     * @throws Refusal with the reason, at the first tactic position that holds something else, or the
     *                 first name in a term that is refused there
     */
    static void check(List<Token> tokens) {
        new CandidateGrammar(tokens).candidate();
    }

    private void candidate() {
        if (isCloser(current())) {
            throw new Refusal("'" + current().text() + "' cannot start a tactic; a candidate must hold at least one");
        }
        sequence();
        if (current().kind() == Kind.END) {
            return;
        }
        // A closer that matches nothing of the candidate closes a bracket of the user's proof. Lean then
        // reports an error; but anything after it would be read in the surrounding proof, which this
        // filter cannot see, so only more closers may follow.
        Token unmatched = current();
        while (CLOSERS.contains(current().text()) && current().kind() == Kind.SYMBOL) {
            at++;
        }
        if (current().kind() != Kind.END) {
            throw new Refusal("'" + unmatched.text() + "' closes a bracket that the candidate did not open, so '"
                    + current().text() + "' after it would be read in the surrounding proof, which this filter cannot see");
        }
    }

    /** Tactics separated by commas, up to a closing bracket or the end. */
    private void sequence() {
        while (true) {
            Token token = current();
            if (token.kind() == Kind.END || isCloser(token)) {
                return;
            }
            tactic();
            token = current();
            if (token.is(",")) {
                at++;
            } else if (token.kind() != Kind.END && !isCloser(token)) {
                throw new Refusal("expected ',' between tactics, found '" + token.text() + "'");
            }
        }
    }

    /** One tactic and what {@code ;}, {@code <|>} and {@code ; [ … ]} chain to it. */
    private void tactic() {
        element(false);
        while (true) {
            if (current().is(";")) {
                at++;
                element(true);
            } else if (current().is("<|>")) {
                at++;
                element(false);
            } else {
                return;
            }
        }
    }

    private void element(boolean afterSemicolon) {
        Token token = current();
        if (token.kind() == Kind.END) {
            throw new Refusal("a tactic is missing at the end of the candidate");
        }
        if (token.is("{")) {
            at++;
            sequence();
            close(token);
        } else if (token.is("[")) {
            if (!afterSemicolon) {
                throw new Refusal("'[' cannot start a tactic: a list of tactics may only follow ';', as in 't; [t₁, t₂]'");
            }
            at++;
            tacticList(token);
        } else if (token.is("(")) {
            throw new Refusal("'(' cannot start a tactic: Lean reads a parenthesis in tactic position as a raw"
                    + " term of type 'tactic unit' and runs it");
        } else if (token.is("by")) {
            // "by tac" at a tactic position is "solve1 { tac }".
            at++;
            tactic();
        } else if (token.is("calc")) {
            at++;
            arguments("calc");
        } else if (token.kind() == Kind.NAME && SafetyFilter.TACTICS.contains(token.text())) {
            at++;
            if (COMBINATORS.contains(token.text())) {
                combinator(token);
            } else {
                arguments(token.text());
            }
        } else if (token.kind() == Kind.NAME) {
            throw new Refusal("'" + token.text() + "' is not a tactic this filter knows: Lean would run a name in"
                    + " tactic position that is not an interactive tactic as a raw 'tactic' term");
        } else {
            throw new Refusal("'" + token.text() + "' cannot start a tactic; every tactic must start with an"
                    + " allowed tactic name, '{' or 'by'");
        }
    }

    /** The tactics of {@code t; [t₁, t₂]}, after the opening bracket. */
    private void tacticList(Token opener) {
        while (current().kind() != Kind.END && !isCloser(current())) {
            tactic();
            if (!current().is(",")) {
                break;
            }
            at++;
        }
        close(opener);
    }

    /** A combinator's own arguments, then its block, after its name. */
    private void combinator(Token name) {
        switch (name.text()) {
            case "iterate" -> {
                if (current().kind() == Kind.NUMBER) {
                    long iterations = naturalValue(current().text());
                    if (iterations < 0 || iterations > MAX_ITERATIONS) {
                        throw new Refusal("'iterate " + current().text() + "' repeats more than " + MAX_ITERATIONS
                                + " times, which no proof step needs and which only uses up the replay's time");
                    }
                    at++;
                }
            }
            case "work_on_goal" -> {
                if (current().kind() == Kind.NUMBER) {
                    at++;
                }
            }
            case "case" -> {
                // Case tags and the names given to their variables: case inl, case nat.succ : n ih, case [inl, inr].
                while (current().kind() == Kind.NAME || current().is(":") || current().is(",")
                        || current().is("[") || current().is("]")) {
                    at++;
                }
            }
            default -> {
            }
        }
        Token block = current();
        if (!block.is("{")) {
            throw new Refusal("'" + name.text() + "' runs its argument as a tactic block, so it must be followed by"
                    + " '{ … }'" + (block.kind() == Kind.END ? "" : ", not '" + block.text() + "'"));
        }
        at++;
        sequence();
        close(block);
        // Lean reads further terms as extra arguments of the combinator; they are checked as terms.
        arguments(name.text());
    }

    /**
     * The arguments of a tactic: terms, names and keywords up to the comma, {@code ;} or {@code <|>}
     * that ends the tactic, a closing bracket, or the end.
     */
    private void arguments(String tactic) {
        int openBinders = 0;
        while (true) {
            Token token = current();
            if (token.kind() == Kind.END || token.is(";") || token.is("<|>") || isCloser(token)) {
                return;
            }
            if (token.is(",")) {
                if (openBinders == 0) {
                    return;
                }
                openBinders--;
                at++;
            } else if (token.is(":=")) {
                if (!DEFINING_TACTICS.contains(tactic)) {
                    throw new Refusal("':=' may only follow have, let, obtain, set, suffices and replace, not '"
                            + tactic + "'");
                }
                at++;
            } else {
                openBinders += termToken(token) ? 1 : 0;
            }
        }
    }

    /** A bracket in a term, after its opening token: a parenthesis, a list, an anonymous constructor, a set. */
    private void term(Token opener) {
        int openBinders = 0;
        boolean afterFreeComma = false;
        while (true) {
            Token token = current();
            if (token.kind() == Kind.END) {
                return;
            }
            if (isCloser(token)) {
                close(opener);
                return;
            }
            if (token.is(",")) {
                at++;
                afterFreeComma = openBinders == 0;
                openBinders = Math.max(0, openBinders - 1);
                continue;
            }
            if (token.is(";") || token.is("<|>")) {
                throw new Refusal("'" + token.text() + "' inside a term is not allowed: it only combines tactics");
            }
            if (token.is("{") && afterFreeComma) {
                // "show t, { tac }", "have h : t, { tac }, e" and "suffices h : t, { tac }, e" read the braces
                // as a tactic block; a set or structure literal after a comma is held to the same rule.
                at++;
                sequence();
                close(token);
            } else {
                if (opener.is("{") && token.kind() == Kind.NAME && next().is(":=")
                        && TACTIC_VALUED_FIELDS.contains(token.text())) {
                    throw new Refusal("the configuration field '" + token.text() + "' holds a tactic, which would run"
                            + " without this filter seeing it");
                }
                openBinders += termToken(token) ? 1 : 0;
            }
            afterFreeComma = false;
        }
    }

    /**
     * One token of a term (brackets and {@code by} blocks with all they contain); returns whether it
     * opens a binder whose comma is still to come.
     */
    private boolean termToken(Token token) {
        if (token.kind() == Kind.SYMBOL && CLOSER_OF.containsKey(token.text())) {
            at++;
            term(token);
            return false;
        }
        if (token.is("by")) {
            at++;
            tactic();
            return false;
        }
        boolean opensBinder = (token.kind() == Kind.NAME || token.kind() == Kind.SYMBOL)
                && BINDERS.contains(token.text()) && startsBinderList(next());
        at++;
        if (token.kind() == Kind.NAME && !BINDERS.contains(token.text())) {
            SafetyFilter.termPositionRefusal(token.text()).ifPresent(reason -> {
                throw new Refusal(reason);
            });
        }
        return opensBinder;
    }

    /**
     * Whether a binder list can start with this token: a name or a bracketed binder. A binder followed
     * by anything else ({@code ∀ show p, …}, {@code exists, …}) is a parse error in Lean, and counting
     * it would let the comma after it hide the start of the next tactic, so it is not counted.
     */
    private static boolean startsBinderList(Token token) {
        if (token.kind() == Kind.NAME) {
            return !SafetyFilter.KEYWORDS.contains(token.text());
        }
        return token.kind() == Kind.SYMBOL && Set.of("(", "⟨", "{", "⦃", "[").contains(token.text());
    }

    /** Consumes the closer of {@code opener}, or accepts that the candidate ends with it open. */
    private void close(Token opener) {
        Token token = current();
        if (token.kind() == Kind.END) {
            // Left open: Lean reports the missing bracket, and what follows the candidate is the user's own text.
            return;
        }
        String expected = CLOSER_OF.get(opener.text());
        if (!token.is(expected)) {
            throw new Refusal("'" + token.text() + "' closes '" + opener.text() + "', which needs '" + expected + "'");
        }
        at++;
    }

    private Token current() {
        return tokens.get(at);
    }

    private Token next() {
        return tokens.get(Math.min(at + 1, tokens.size() - 1));
    }

    private static boolean isCloser(Token token) {
        return token.kind() == Kind.SYMBOL && CLOSERS.contains(token.text());
    }

    /** Lean 3's {@code is_id_first}: an ASCII letter, {@code _} or a letter-like character. */
    static boolean isIdentifierStart(int codePoint) {
        return codePoint < 128 ? Character.isLetter(codePoint) || codePoint == '_' : isLetterLike(codePoint);
    }

    /** Lean 3's {@code is_id_rest}: also digits, {@code '}, and sub- and superscript letters and digits. */
    static boolean isIdentifierRest(int codePoint) {
        return isIdentifierStart(codePoint)
                || codePoint < 128 && (Character.isDigit(codePoint) || codePoint == '\'')
                || codePoint >= 0x207F && codePoint <= 0x2089
                || codePoint >= 0x2090 && codePoint <= 0x209C
                || codePoint >= 0x1D62 && codePoint <= 0x1D6A;
    }

    /** Lean 3's {@code is_letter_like_unicode}: Greek but λ Π Σ, Coptic, polytonic Greek, ℕ-like and 𝓝-like letters. */
    private static boolean isLetterLike(int codePoint) {
        return codePoint >= 0x3B1 && codePoint <= 0x3C9 && codePoint != 0x3BB
                || codePoint >= 0x391 && codePoint <= 0x3A9 && codePoint != 0x3A0 && codePoint != 0x3A3
                || codePoint >= 0x3CA && codePoint <= 0x3FB
                || codePoint >= 0x1F00 && codePoint <= 0x1FFE
                || codePoint >= 0x2100 && codePoint <= 0x214F
                || codePoint >= 0x1D49C && codePoint <= 0x1D59F;
    }

    /** An identifier, continuing over a dot only when a name starts right after it, as Lean's scanner does. */
    private static int scanName(String text, int start) {
        int index = start;
        while (true) {
            while (index < text.length() && isIdentifierRest(text.codePointAt(index))) {
                index += Character.charCount(text.codePointAt(index));
            }
            if (index + 1 < text.length() && text.charAt(index) == '.' && isIdentifierStart(text.codePointAt(index + 1))) {
                index++;
            } else {
                return index;
            }
        }
    }

    /** A numeral in base 10 (with an optional fraction), or with a 0b, 0o or 0x prefix. */
    private static int scanNumber(String text, int start) {
        int radix = start + 2 < text.length() && text.charAt(start) == '0' ? radixOfPrefix(text.charAt(start + 1)) : 10;
        if (radix != 10 && Character.digit(text.charAt(start + 2), radix) < 0) {
            radix = 10;
        }
        int index = radix == 10 ? start : start + 2;
        int digits = 0;
        while (index < text.length() && text.charAt(index) < 128 && Character.digit(text.charAt(index), radix) >= 0) {
            index++;
            digits++;
        }
        if (radix == 10 && index + 1 < text.length() && text.charAt(index) == '.' && isAsciiDigit(text.charAt(index + 1))) {
            index++;
            while (index < text.length() && isAsciiDigit(text.charAt(index))) {
                index++;
                digits++;
            }
        }
        if (digits > MAX_NUMERAL_DIGITS) {
            throw new Refusal("numerals longer than " + MAX_NUMERAL_DIGITS + " digits are not allowed: a proof step"
                    + " never needs one, and a long numeral can carry a hidden string or exhaust Lean's memory");
        }
        return index;
    }

    private static int radixOfPrefix(char prefix) {
        return switch (Character.toLowerCase(prefix)) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x' -> 16;
            default -> 10;
        };
    }

    /** The value of a numeral token, or -1 when it is not a plain natural number that fits in a long. */
    private static long naturalValue(String numeral) {
        int radix = numeral.length() > 2 && numeral.charAt(0) == '0' ? radixOfPrefix(numeral.charAt(1)) : 10;
        try {
            return Long.parseLong(radix == 10 ? numeral : numeral.substring(2), radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A dot that does not start {@code ..}: a projection {@code .2}, a field {@code .symm}, or else Lean's
     * period token, which after a binder's type makes an auto-param that runs a named tactic.
     */
    private static int scanAfterDot(String text, int start, List<Token> tokens) {
        int after = start + 1;
        if (after < text.length() && isAsciiDigit(text.charAt(after))) {
            int end = after;
            while (end < text.length() && isAsciiDigit(text.charAt(end))) {
                end++;
            }
            if (end - after > MAX_NUMERAL_DIGITS) {
                throw new Refusal("numerals longer than " + MAX_NUMERAL_DIGITS + " digits are not allowed: a proof"
                        + " step never needs one");
            }
            tokens.add(new Token(Kind.NUMBER, text.substring(start, end)));
            return end;
        }
        if (after < text.length() && text.charAt(after) != '_' && isIdentifierStart(text.codePointAt(after))) {
            int end = after;
            while (end < text.length() && isIdentifierRest(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            tokens.add(new Token(Kind.FIELD, text.substring(after, end)));
            return end;
        }
        if (text.startsWith(".(", start) || text.startsWith("._", start)) {
            throw new Refusal(REFUSED_TOKENS.get(text.substring(start, start + 2)));
        }
        throw new Refusal("a lone '.' is not allowed: after a binder's type it makes an auto-param, and Lean runs"
                + " the tactic named after the dot");
    }

    private static boolean isAsciiDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private static List<String> sortedLongestFirst(List<String> symbols) {
        List<String> sorted = new ArrayList<>(symbols);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(sorted);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
