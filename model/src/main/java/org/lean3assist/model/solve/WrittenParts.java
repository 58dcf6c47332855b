package org.lean3assist.model.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lean3assist.model.prompt.OutputParsers;

/** The programs and the Lean 3 a solution writes, cut out of its text. Pure functions over untrusted text. */
public final class WrittenParts {

    /** A program longer than this is not run. */
    public static final int MAX_PROGRAM_CHARS = 8_000;

    private static final Pattern PYTHON_BLOCK = Pattern.compile("(?s)```(?:python|py)[ \\t]*\\n(.*?)```");
    private static final Pattern LEAN_BLOCK = Pattern.compile("(?s)```(?:lean3?|lean 3)?[ \\t]*\\n(.*?)(?:```|\\z)");
    private static final Pattern DECLARATION = Pattern.compile(
            "(?s)(?:(?:theorem|lemma)\\s+[\\p{L}_][\\p{L}\\p{N}_'.]*|example)(.*?):=(.*)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_'.]*");
    private static final Pattern PRINTED_ARITHMETIC = Pattern.compile("print\\(([0-9+\\-*/() .]+)\\)");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private WrittenParts() {
    }

    /**
     * The program of a program-of-thought answer: its first {@code ```python} block, else the whole text (MAmmoTH's
     * PoT answers are bare code). Empty when there is none or it is longer than {@link #MAX_PROGRAM_CHARS}.
     */
    public static Optional<String> program(String output) {
        String text = OutputParsers.stripChatTokens(output);
        Matcher block = PYTHON_BLOCK.matcher(text);
        String program = block.find() ? block.group(1) : OutputParsers.stripCodeFences(text);
        return bounded(program);
    }

    /**
     * The program a tool-integrated transcript waits on: its last {@code ```python} block when nothing but space
     * follows it, so the model stopped for its output. Empty otherwise.
     */
    public static Optional<String> pendingProgram(String generated) {
        Matcher block = PYTHON_BLOCK.matcher(generated);
        String last = null;
        int end = -1;
        while (block.find()) {
            last = block.group(1);
            end = block.end();
        }
        if (last == null || !generated.substring(end).isBlank()) {
            return Optional.empty();
        }
        return bounded(last);
    }

    /**
     * The claim a program makes when it is one {@code print(EXPR)} of arithmetic: {@code EXPR = OUTPUT}, for Lean
     * to check what the sandbox computed. Only where Python's arithmetic is the grammar's: no {@code //},
     * {@code %}, {@code **} or {@code ^} (Python's exclusive or), and an integer output or no division (a float
     * such as {@code 0.3333333333333333} is rounded, not a wrong step).
     */
    public static Optional<ArithmeticClaim> programClaim(String program, String output) {
        Matcher printed = PRINTED_ARITHMETIC.matcher(program.strip());
        String printedValue = output.strip();
        if (!printed.matches() || printedValue.contains("\n")) {
            return Optional.empty();
        }
        String expression = printed.group(1).strip();
        if (expression.contains("//") || expression.contains("**")
                || (expression.contains("/") && !INTEGER.matcher(printedValue).matches())) {
            return Optional.empty();
        }
        // The printed value is a number: the operator, which a claim needs on one side, is the expression's.
        return SolutionParsers.claim(expression, printedValue);
    }

    /** The answer a program's output gives: its last line that is not blank. */
    public static Optional<String> programAnswer(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }

    /**
     * The first Lean 3 declaration ({@code theorem}, {@code lemma} or {@code example}) of a solution, in a
     * {@code ```lean} block or not, split into its proposition and its proof as one tactic sequence. Empty when
     * there is none, or its proof is empty.
     */
    public static Optional<LeanSolution> leanSolution(String output) {
        String text = OutputParsers.stripChatTokens(output);
        Matcher fenced = LEAN_BLOCK.matcher(text);
        String code = fenced.find() ? fenced.group(1) : text;
        Matcher declaration = DECLARATION.matcher(withoutComments(code));
        if (!declaration.find()) {
            return Optional.empty();
        }
        String proposition = declaration.group(1).replaceAll("\\s+", " ").strip();
        Optional<String> tactics = tactics(declaration.group(2));
        if (proposition.isEmpty() || tactics.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LeanSolution(proposition, tactics.get(), stated(proposition)));
    }

    /**
     * The value a proposition's conclusion states: the conclusion is what follows its last colon outside brackets,
     * and its value the right side of its last {@code =}, type ascriptions such as {@code (12 : ℝ)} removed, when
     * that is arithmetic.
     */
    static Optional<String> stated(String proposition) {
        int colon = lastAtDepthZero(proposition, ':');
        String conclusion = colon < 0 ? proposition : proposition.substring(colon + 1);
        int equals = lastAtDepthZero(conclusion, '=');
        if (equals < 0) {
            return Optional.empty();
        }
        String right = conclusion.substring(equals + 1).strip()
                .replaceAll("\\(\\s*([^():]*?)\\s*:\\s*[ℕℤℚℝ]\\s*\\)", "($1)");
        return Arithmetic.parse(SolutionParsers.normalizeMath(right)).flatMap(Arithmetic::value).map(Rational::toString);
    }

    private static Optional<String> tactics(String proof) {
        String body = proof.strip();
        String sequence;
        if (wordAt(body, 0).equals("begin")) {
            int end = matchingEnd(body);
            if (end < 0) {
                return Optional.empty();
            }
            sequence = body.substring("begin".length(), end);
        } else if (wordAt(body, 0).equals("by")) {
            sequence = firstParagraph(body.substring(2));
        } else {
            String term = firstParagraph(body);
            sequence = term.isBlank() ? "" : "exact (" + term.strip() + ")";
        }
        String joined = sequence.replaceAll("\\s+", " ").strip();
        while (joined.endsWith(",")) {
            joined = joined.substring(0, joined.length() - 1).strip();
        }
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    /** Where the {@code end} that closes a text's opening {@code begin} starts, counting nested blocks. */
    private static int matchingEnd(String body) {
        Matcher word = WORD.matcher(body);
        int depth = 0;
        while (word.find()) {
            String found = word.group();
            if (found.equals("begin") || found.equals("match")) {
                depth++;
            } else if (found.equals("end")) {
                depth--;
                if (depth == 0) {
                    return word.start();
                }
            }
        }
        return -1;
    }

    private static String wordAt(String text, int at) {
        Matcher word = WORD.matcher(text);
        return word.find(at) && word.start() == at ? word.group() : "";
    }

    /** A proof after {@code by} or {@code :=}: its first line, and the indented lines that continue it. */
    private static String firstParagraph(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder kept = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length && !lines[i].isBlank() && Character.isWhitespace(lines[i].charAt(0)); i++) {
            kept.append('\n').append(lines[i]);
        }
        return kept.toString();
    }

    private static String withoutComments(String code) {
        List<String> lines = new ArrayList<>();
        for (String line : code.split("\n", -1)) {
            int comment = line.indexOf("--");
            lines.add(comment < 0 ? line : line.substring(0, comment));
        }
        return String.join("\n", lines).replaceAll("(?s)/-.*?-/", " ");
    }

    private static int lastAtDepthZero(String text, char wanted) {
        int depth = 0;
        int found = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{' || c == '⟨') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}' || c == '⟩') {
                depth--;
            } else if (c == wanted && depth == 0 && !(wanted == ':' && i + 1 < text.length() && text.charAt(i + 1) == '=')
                    && !(wanted == '=' && i > 0 && "<>!≠:".indexOf(text.charAt(i - 1)) >= 0)) {
                found = i;
            }
        }
        return found;
    }

    private static Optional<String> bounded(String program) {
        String stripped = program.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_PROGRAM_CHARS) {
            return Optional.empty();
        }
        return Optional.of(stripped + "\n");
    }
}
