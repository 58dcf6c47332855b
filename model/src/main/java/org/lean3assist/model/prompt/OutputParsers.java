package org.lean3assist.model.prompt;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns raw model output into what a task wants. Pure functions; no model involved. */
public final class OutputParsers {

    private static final List<String> CHAT_TOKENS = List.of("<|im_start|>", "<|im_end|>", "<|user|>",
            "<|assistant|>", "<s>", "</s>", "<|endoftext|>");
    private static final Pattern FENCE = Pattern.compile("```[\\w+-]*[ \\t]*\\n?(.*?)(?:```|$)", Pattern.DOTALL);
    private static final Pattern STATEMENT = Pattern.compile("\\b(theorem|lemma)\\b");

    private OutputParsers() {
    }

    /** Removes chat special tokens and a leading role line ({@code assistant}) left by some servers. */
    public static String stripChatTokens(String text) {
        String result = text;
        for (String token : CHAT_TOKENS) {
            result = result.replace(token, "");
        }
        result = result.replaceFirst("^\\s*(assistant|user)\\s*\\n", "");
        return result;
    }

    /** The content of the first code fence when there is one (an unclosed fence runs to the end), else the text. */
    public static String stripCodeFences(String text) {
        Matcher matcher = FENCE.matcher(text);
        return matcher.find() ? matcher.group(1) : text;
    }

    /**
     * One tactic: chat tokens and fences removed, {@code begin}/{@code end} lines skipped, cut at the first comma or
     * line end at bracket depth 0, whitespace collapsed, no trailing comma. Empty when nothing is left.
     */
    public static Optional<String> parseTactic(String output) {
        String text = stripCodeFences(stripChatTokens(output));
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.equals("begin") || trimmed.equals("end") || trimmed.startsWith("--")) {
                continue;
            }
            String tactic = firstAtDepthZero(trimmed).replaceAll("\\s+", " ").strip();
            while (tactic.endsWith(",")) {
                tactic = tactic.substring(0, tactic.length() - 1).strip();
            }
            return tactic.isEmpty() ? Optional.empty() : Optional.of(tactic);
        }
        return Optional.empty();
    }

    /**
     * A {@code theorem ... :=} (or {@code lemma ... :=}) statement, joined onto one line; {@code :=} is added when
     * the model stopped before it. Empty when the output has no statement.
     */
    public static Optional<String> parseTheoremStatement(String output) {
        String text = stripCodeFences(stripChatTokens(output));
        Matcher matcher = STATEMENT.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String rest = text.substring(matcher.start());
        int assign = rest.indexOf(":=");
        String statement = assign >= 0 ? rest.substring(0, assign) : rest;
        statement = statement.replaceAll("\\s+", " ").strip();
        if (statement.equals(matcher.group(1))) {
            return Optional.empty();
        }
        return Optional.of(statement + " :=");
    }

    /**
     * The judgement of an outcome reward answer ("This answer is correct." / "… incorrect"): true, false, or empty
     * when it says neither, or both.
     */
    public static Optional<Boolean> parseJudgement(String output) {
        String text = stripChatTokens(output).toLowerCase(java.util.Locale.ROOT);
        boolean incorrect = text.matches("(?s).*\\b(incorrect|not correct|wrong)\\b.*");
        boolean correct = text.replaceAll("\\b(incorrect|not correct)\\b", "").matches("(?s).*\\bcorrect\\b.*");
        if (incorrect == correct) {
            return Optional.empty();
        }
        return Optional.of(correct);
    }

    /** Natural-language output: chat tokens and a surrounding fence removed, trimmed. */
    public static String parseText(String output) {
        return stripCodeFences(stripChatTokens(output)).strip();
    }

    private static String firstAtDepthZero(String line) {
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '(' || c == '[' || c == '{' || c == '⟨') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}' || c == '⟩') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
