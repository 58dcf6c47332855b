package org.lean3assist.bridge.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;

/**
 * Asks Lean, not the text, which names of the candidates are meta code. Meta definitions and
 * constants are what runs at elaboration time (every IO, parser and environment entry point is one),
 * and a proof may never contain them; so a candidate that names one, however the filter's grammar
 * read it, is refused. The filter knows the core library's meta names; Lean also knows mathlib's,
 * the user's, and what {@code open} and {@code namespace} make a short name mean at this place.
 *
 * <p>The question is a command the product writes after the text before the declaration (the
 * user's own, so the same namespaces are open as in the proof): every name, tried in the root
 * namespace and under each open namespace, is meta when any of these is an untrusted declaration.
 * The answer is one trace message that starts with a digest of the question, so a stale one is never
 * read. Answers are kept per text before the declaration, since nothing else changes them.
 */
final class MetaNames {

    /** A name that can be quoted as {@code `name} in the question; candidates' other tokens are never asked about. */
    private static final Pattern ASKABLE = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_'₀-₉]*(\\.[\\p{L}_][\\p{L}\\p{N}_'₀-₉]*)*");
    private static final int REMEMBERED_PREFIXES = 64;
    private static final String ANSWER_PREFIX = "lean3assist_meta_";

    /** The answers per digest of a prefix: name → whether it is meta there. */
    private final Map<String, Map<String, Boolean>> known = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Boolean>> eldest) {
            return size() > REMEMBERED_PREFIXES;
        }
    };

    /** The names of a candidate worth asking about: identifiers other than the interactive tactics' own. */
    static Set<String> namesIn(String candidate) {
        Set<String> names = new LinkedHashSet<>();
        for (LeanToken token : LeanScanner.scan(candidate)) {
            if (token.kind() == LeanToken.Kind.IDENTIFIER && !SafetyFilter.TACTICS.contains(token.text())
                    && ASKABLE.matcher(token.text()).matches()) {
                names.add(token.text());
            }
        }
        return names;
    }

    /** What is already known for a prefix: the meta ones among {@code names}, if every one was asked before. */
    synchronized Optional<Set<String>> known(String prefix, Collection<String> names) {
        Map<String, Boolean> answers = known.get(VariantBuilder.digest(prefix));
        if (answers == null || !answers.keySet().containsAll(names)) {
            return Optional.empty();
        }
        Set<String> meta = new LinkedHashSet<>();
        names.stream().filter(answers::get).forEach(meta::add);
        return Optional.of(meta);
    }

    synchronized void remember(String prefix, Collection<String> asked, Set<String> meta) {
        Map<String, Boolean> answers = known.computeIfAbsent(VariantBuilder.digest(prefix), digest -> new LinkedHashMap<>());
        asked.forEach(name -> answers.put(name, meta.contains(name)));
    }

    /** The question: {@code prefix}, then one command on the line after it. */
    static Question question(String prefix, Collection<String> names) {
        String body = prefix.isEmpty() || prefix.endsWith("\n") ? prefix : prefix + "\n";
        List<String> quoted = new ArrayList<>();
        for (String name : names) {
            if (!ASKABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("not a name that can be asked about: " + name);
            }
            quoted.add("`" + name);
        }
        String command = "run_cmd (do env ← tactic.get_env, opened ← tactic.open_namespaces, "
                + "let names : list name := [" + String.join(", ", quoted) + "], "
                + "let meta_names := names.filter (λ n, (name.anonymous :: opened).any (λ p, "
                + "match env.get (p ++ n) with | exceptional.success d := bnot d.is_trusted | _ := ff end)), "
                + "tactic.trace (\"" + ANSWER_PREFIX + "NONCE \" ++ to_string meta_names))\n";
        String nonce = VariantBuilder.digest(body + command);
        int line = (int) body.chars().filter(character -> character == '\n').count() + 1;
        return new Question(body + command.replace("NONCE", nonce), line, ANSWER_PREFIX + nonce + " ");
    }

    /**
     * A question to sync, and how its answer looks.
     *
     * @param content the text to check
     * @param line    the line of the command, where Lean reports its trace
     * @param marker  what the answer starts with
     */
    record Question(String content, int line, String marker) {

        /**
         * The meta names Lean listed, from every message the checker holds; empty when there is
         * not exactly one answer to this question, or it does not read as a list of asked names.
         */
        Optional<Set<String>> answer(String fileName, List<LeanMessage> messages, Collection<String> asked) {
            return tracedList(fileName, messages, line, marker)
                    .filter(asked::containsAll)
                    .map(LinkedHashSet::new);
        }
    }

    /**
     * The list a product-written question traced: the entries of {@code marker[a, b, …]}, from the
     * one information message at {@code line} of {@code fileName} that starts with the marker (the
     * question's digest, so a stale answer is never read); empty when there is not exactly one
     * such message or it does not read as a list. {@code TacticAvailability} reads its answer so too.
     */
    static Optional<List<String>> tracedList(String fileName, List<LeanMessage> messages, int line, String marker) {
        List<LeanMessage> answers = messages.stream().filter(message -> message.fileName().equals(fileName)
                && message.line() == line && message.severity() == LeanMessage.Severity.INFORMATION
                && message.text().startsWith(marker)).toList();
        if (answers.size() != 1) {
            return Optional.empty();
        }
        String list = answers.get(0).text().substring(marker.length()).strip();
        if (!list.startsWith("[") || !list.endsWith("]")) {
            return Optional.empty();
        }
        String inner = list.substring(1, list.length() - 1).strip();
        return Optional.of(inner.isEmpty() ? List.of() : List.of(inner.split(", ")));
    }
}
