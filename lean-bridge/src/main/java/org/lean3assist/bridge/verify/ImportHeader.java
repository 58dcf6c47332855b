package org.lean3assist.bridge.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;

/**
 * The leading import header of a Lean 3 file, as module names: an optional {@code prelude}, then
 * the {@code import} commands before the first other command, comments and blank lines skipped.
 * Its {@link #text()} is written anew from the names ({@code import a.b} a line), so no other text of
 * the file is ever part of it.
 *
 * <p>A module name is a plain identifier, dotted or not, after as many dots as make it relative
 * ({@code .helper}, {@code ..helper}). The header ends at the first token that is not one: a
 * command keyword, a symbol, an escaped or malformed name.
 *
 * @param prelude whether the file starts with {@code prelude} (it then imports no core library)
 * @param modules the modules, in the file's order, each once
 */
record ImportHeader(boolean prelude, List<String> modules) {

    /** What an imported module's name may be: relative dots, then identifier parts. */
    private static final Pattern MODULE = Pattern.compile("\\.*[^.\\s«»]+(\\.[^.\\s«»]+)*");

    /**
     * Lean 3's command keywords (and mathlib's) that can follow the imports; a module is never named
     * like one, and Lean reads them as the next command.
     */
    private static final Set<String> COMMANDS = Set.of(
            "prelude", "import", "open", "export", "theorem", "lemma", "def", "definition", "example", "instance",
            "axiom", "axioms", "constant", "constants", "variable", "variables", "parameter", "parameters", "universe",
            "universes", "section", "namespace", "end", "noncomputable", "meta", "private", "protected", "mutual",
            "inductive", "structure", "class", "abbreviation", "set_option", "attribute", "local", "notation", "infix",
            "infixl", "infixr", "prefix", "postfix", "precedence", "reserve", "run_cmd", "include", "omit", "hide",
            "localized", "open_locale", "declare_trace", "add_decl_doc", "library_note", "alias", "restate_axiom",
            "initialize_simps_projections", "mk_simp_attribute", "irreducible_def", "add_tactic_doc", "add_hint_tactic",
            "setup_tactic_parser", "user_command", "assert_not_exists");

    ImportHeader {
        modules = List.copyOf(modules);
        for (String module : modules) {
            if (!MODULE.matcher(module).matches()) {
                throw new IllegalArgumentException("not a module name: " + module);
            }
        }
    }

    /** The header of {@code source}. */
    static ImportHeader of(String source) {
        return scan(source).header();
    }

    /**
     * The header of {@code source} and where it ends: the offset of the first token after it (the
     * file's first command, or its end), so that the text from there on is all but the header.
     */
    record Scanned(ImportHeader header, int end) {}

    static Scanned scan(String source) {
        List<LeanToken> tokens = LeanScanner.scan(source);
        int index = 0;
        boolean prelude = false;
        if (index < tokens.size() && isWord(tokens.get(index), "prelude")) {
            prelude = true;
            index++;
        }
        List<String> modules = new ArrayList<>();
        while (index < tokens.size() && isWord(tokens.get(index), "import")) {
            index++;
            while (index < tokens.size()) {
                int end = moduleEnd(tokens, index);
                if (end < 0) {
                    break;
                }
                StringBuilder name = new StringBuilder();
                tokens.subList(index, end).forEach(token -> name.append(token.text()));
                if (!modules.contains(name.toString())) {
                    modules.add(name.toString());
                }
                index = end;
            }
        }
        int end = index < tokens.size() ? tokens.get(index).start() : source.length();
        return new Scanned(new ImportHeader(prelude, modules), end);
    }

    /**
     * Where the module name starting at token {@code start} ends (exclusive): dots, each touching
     * the next token, then an identifier that is no command; -1 when no module name starts there.
     */
    private static int moduleEnd(List<LeanToken> tokens, int start) {
        int index = start;
        while (index < tokens.size() && tokens.get(index).kind() == LeanToken.Kind.SYMBOL
                && tokens.get(index).text().chars().allMatch(character -> character == '.')) {
            if (index + 1 >= tokens.size() || tokens.get(index + 1).start() != tokens.get(index).end()) {
                return -1;
            }
            index++;
        }
        if (index >= tokens.size()) {
            return -1;
        }
        LeanToken name = tokens.get(index);
        if (name.kind() != LeanToken.Kind.IDENTIFIER || COMMANDS.contains(name.text())
                || !MODULE.matcher(name.text()).matches()) {
            return -1;
        }
        return index + 1;
    }

    private static boolean isWord(LeanToken token, String word) {
        return token.kind() == LeanToken.Kind.IDENTIFIER && token.text().equals(word);
    }

    /** The header as Lean reads it: {@code prelude} if any, then one {@code import} line per module. */
    String text() {
        StringBuilder text = new StringBuilder(prelude ? "prelude\n" : "");
        modules.forEach(module -> text.append("import ").append(module).append('\n'));
        return text.toString();
    }
}
