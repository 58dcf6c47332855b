package org.lean3assist.model.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lean3assist.model.prompt.OutputParsers;

/** What a chain-of-thought solution says: its final answer and its arithmetic claims. Pure functions. */
public final class SolutionParsers {

    /** At most this many claims are taken from one solution; each costs a Lean check. */
    public static final int MAX_CLAIMS = 24;

    private static final Pattern ANSWER_IS = Pattern.compile("[Tt]he (?:final )?answer is:?\\s*([^\\n]*)");
    private static final Pattern THOUSANDS = Pattern.compile("(?<![\\d.])(\\d{1,3})((?:,\\d{3})+)(?![\\d,]*\\d)");
    // A stretch of text that can hold an equation: digits, operators, brackets, spaces and equals signs. It must
    // not continue a word or a variable: in "x - 3 = 5" the stretch "- 3 = 5" is not a claim.
    private static final String BODY = "(?:[0-9+\\-*/^() \\t]|(?<=\\d)\\.(?=\\d))";
    // A number or bracket starts it where it does not continue a word, a number or an operator ("sold 48 / 2");
    // a minus sign only where no word or number comes before it ("x - 3 = 5" holds no claim).
    private static final String START = "(?:(?<![\\w}\\])!.])(?<![+\\-*/^(][ \\t]{0,16})[0-9(]"
            + "|(?<![\\w}\\])!.+\\-*/^(][ \\t]{0,16})-)";
    private static final Pattern EQUATION = Pattern.compile(START + BODY + "*(?:=" + BODY + "+)+");

    private SolutionParsers() {
    }

    /**
     * The final answer in the endings the model cards use: the last {@code \boxed{…}} (braces balanced), else the
     * last "The answer is: …" (MAmmoTH, Arithmo2), trimmed of a final period and surrounding {@code $}. Empty when
     * the solution states no answer.
     */
    public static Optional<String> finalAnswer(String output) {
        String text = OutputParsers.stripChatTokens(output);
        return lastBoxed(text).or(() -> lastAnswerIs(text))
                .map(SolutionParsers::tidyAnswer).filter(answer -> !answer.isEmpty());
    }

    /**
     * The key answers are voted on by: the exact value when the answer is a number or arithmetic
     * ({@code 1,200}, {@code $12.50}, {@code \frac{3}{4}}, {@code 0.75} and {@code 3/4} agree), else the text
     * lower-cased with spaces collapsed.
     */
    public static String answerKey(String answer) {
        String math = tidyAnswer(normalizeMath(answer));
        String numeric = math.replaceAll("\\s*(dollars?|cents?|units?|%)\\s*$", "");
        Optional<String> value = Arithmetic.parse(numeric).flatMap(Arithmetic::value).map(Rational::toString);
        return value.orElseGet(() -> answer.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " "));
    }

    /**
     * Every equality between arithmetic expressions the solution writes, at most {@link #MAX_CLAIMS}: a chain
     * {@code a = b = c} gives {@code a = b} and {@code b = c}. A side with a word or variable in it is no claim; nor
     * is an equation without an operator ({@code 24 = 24}), nor one that divides by zero or grows too large.
     */
    public static List<ArithmeticClaim> claims(String output) {
        String text = normalizeMath(OutputParsers.stripChatTokens(output));
        List<ArithmeticClaim> claims = new ArrayList<>();
        Matcher matcher = EQUATION.matcher(text);
        while (matcher.find() && claims.size() < MAX_CLAIMS) {
            String[] sides = matcher.group().split("=", -1);
            for (int i = 0; i + 1 < sides.length && claims.size() < MAX_CLAIMS; i++) {
                claim(trimSide(sides[i]), trimSide(sides[i + 1])).ifPresent(claims::add);
            }
        }
        return claims;
    }

    /**
     * The claim {@code left = right}, when both sides are arithmetic of the grammar, one has an operator, and both
     * have a value (no division by zero, nothing too large).
     */
    static Optional<ArithmeticClaim> claim(String left, String right) {
        var leftExpr = Arithmetic.parse(left);
        var rightExpr = Arithmetic.parse(right);
        if (leftExpr.isEmpty() || rightExpr.isEmpty()
                || !Arithmetic.hasOperator(leftExpr.get()) && !Arithmetic.hasOperator(rightExpr.get())) {
            return Optional.empty();
        }
        var leftValue = Arithmetic.value(leftExpr.get());
        var rightValue = Arithmetic.value(rightExpr.get());
        if (leftValue.isEmpty() || rightValue.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ArithmeticClaim(left + " = " + right, leftExpr.get(), rightExpr.get(),
                leftValue.get().equals(rightValue.get())));
    }

    /** LaTeX and typographic arithmetic as the grammar spells it; thousands separators and {@code $} removed. */
    public static String normalizeMath(String text) {
        String result = text.replace("\\times", "*").replace("\\cdot", "*").replace("×", "*").replace("·", "*")
                .replace("\\div", "/").replace("÷", "/").replace("−", "-").replace("\\$", "").replace("$", "")
                .replace("\\left", "").replace("\\right", "").replace("\\(", "").replace("\\)", "")
                .replace("\\[", "").replace("\\]", "");
        result = result.replaceAll("\\\\[dt]?frac\\{([^{}]*)\\}\\{([^{}]*)\\}", "(($1)/($2))");
        Matcher thousands = THOUSANDS.matcher(result);
        StringBuilder out = new StringBuilder();
        while (thousands.find()) {
            thousands.appendReplacement(out, thousands.group(1) + thousands.group(2).replace(",", ""));
        }
        thousands.appendTail(out);
        return out.toString();
    }

    private static String trimSide(String side) {
        String trimmed = side.strip();
        // A sentence's full stop or comma after the number is not part of it; nor is a bracket the prose opened.
        while (trimmed.endsWith(".") || trimmed.endsWith(",")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        while (unbalanced(trimmed) > 0 && trimmed.startsWith("(")) {
            trimmed = trimmed.substring(1).strip();
        }
        while (unbalanced(trimmed) < 0 && trimmed.endsWith(")")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    private static int unbalanced(String text) {
        int open = 0;
        for (char c : text.toCharArray()) {
            open += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return open;
    }

    private static Optional<String> lastAnswerIs(String text) {
        Matcher matcher = ANSWER_IS.matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return Optional.ofNullable(last);
    }

    private static Optional<String> lastBoxed(String text) {
        int at = text.lastIndexOf("\\boxed{");
        if (at < 0) {
            return Optional.empty();
        }
        int depth = 0;
        int start = at + "\\boxed{".length();
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return Optional.of(text.substring(start, i));
                }
                depth--;
            }
        }
        return Optional.empty();
    }

    private static String tidyAnswer(String answer) {
        String tidy = answer.strip();
        while (tidy.endsWith(".") || tidy.endsWith("$")) {
            tidy = tidy.substring(0, tidy.length() - 1).strip();
        }
        while (tidy.startsWith("$")) {
            tidy = tidy.substring(1).strip();
        }
        return tidy;
    }
}
