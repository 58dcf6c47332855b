package org.lean3assist.bridge.verify;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lean3assist.bridge.protocol.LeanMessage;

/**
 * Asks Lean, not the import lines' text, which interactive tactics a file's environment has: a
 * file that imports a module which imports mathlib's {@code tactic} has {@code linarith} though no
 * import line says so, and a core-only file has none of mathlib's. The question is a command the
 * product writes after the file's imports (the same start as every checker file, so Lean keeps the
 * imported environment): for each asked name {@code n}, whether {@code tactic.interactive.n} is
 * declared. Only names from the product's own fixed list are asked, never a model's text. The answer
 * is one trace that starts with a digest of the question, so a stale one is never read.
 */
final class TacticAvailability {

    private static final Pattern TACTIC_NAME = Pattern.compile("[a-z_][a-z0-9_']*");
    private static final String ANSWER_PREFIX = "lean3assist_tactics_";
    private static final String INTERACTIVE = "tactic.interactive.";

    private TacticAvailability() {}

    /** The question for a header's start (see {@link SnapshotAnchor#start}), then one command. */
    static Question question(String start, Collection<String> names) {
        String body = start.isEmpty() || start.endsWith("\n") ? start : start + "\n";
        StringBuilder quoted = new StringBuilder();
        for (String name : names) {
            if (!TACTIC_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not an interactive tactic's name: " + name);
            }
            quoted.append(quoted.isEmpty() ? "" : ", ").append("`tactic.interactive.").append(name);
        }
        String command = "run_cmd (do env ← tactic.get_env, "
                + "let names : list name := [" + quoted + "], "
                + "tactic.trace (\"" + ANSWER_PREFIX + "NONCE \" ++ to_string ((names.filter (λ n, env.contains n = tt)).map "
                + "name.to_string)))\n";
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

        /** The asked tactics Lean listed as declared; empty when there is not exactly one readable answer. */
        Optional<Set<String>> answer(String fileName, List<LeanMessage> messages, Collection<String> asked) {
            return MetaNames.tracedList(fileName, messages, line, marker).flatMap(entries -> {
                Set<String> available = new LinkedHashSet<>();
                for (String full : entries) {
                    String name = full.startsWith(INTERACTIVE) ? full.substring(INTERACTIVE.length()) : "";
                    if (!asked.contains(name)) {
                        return Optional.empty();
                    }
                    available.add(name);
                }
                return Optional.of(available);
            });
        }
    }
}
