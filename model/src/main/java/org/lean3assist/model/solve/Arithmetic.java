package org.lean3assist.model.solve;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic a claim may contain: decimal numbers, {@code + - * / ^} and parentheses, nothing else. Parsing is
 * total (bad input gives {@link Optional#empty()}) and bounded: at most {@link #MAX_TOKENS} tokens, numbers of at
 * most {@link #MAX_DIGITS} digits, natural exponents of at most {@link #MAX_EXPONENT}.
 */
public final class Arithmetic {

    public static final int MAX_TOKENS = 64;
    public static final int MAX_DIGITS = 18;
    public static final int MAX_EXPONENT = 64;
    /** No value along the way may need more bits than this, or the claim is not sent to Lean: norm_num checks
     * {@code 3 ^ 160} (254 bits) in about a second, and timed out on a 3,800-bit power in Lean 3.51.1. */
    public static final int MAX_BITS = 256;

    private Arithmetic() {
    }

    /** An arithmetic expression. */
    public sealed interface Expr permits Num, Neg, Binary {
    }

    /** A decimal literal {@code digits / 10^scale}, e.g. 2.5 is (25, 1). */
    public record Num(BigInteger digits, int scale) implements Expr {
    }

    public record Neg(Expr operand) implements Expr {
    }

    public record Binary(char operator, Expr left, Expr right) implements Expr {
    }

    /** The expression {@code text} spells, or empty when it is not one (a word, a variable, an unbalanced bracket). */
    public static Optional<Expr> parse(String text) {
        List<String> tokens = tokens(text);
        if (tokens == null || tokens.isEmpty() || tokens.size() > MAX_TOKENS) {
            return Optional.empty();
        }
        Parser parser = new Parser(tokens);
        Expr expr = parser.expression();
        return expr != null && parser.at == tokens.size() ? Optional.of(expr) : Optional.empty();
    }

    /** Whether the expression has an operator (a bare number states nothing worth checking). */
    public static boolean hasOperator(Expr expr) {
        return !(expr instanceof Num);
    }

    /**
     * The exact value, or empty where it divides by zero or a value along the way exceeds {@link #MAX_BITS}.
     * Lean's ℚ defines {@code x / 0 = 0}, so a claim that divides by zero must never be sent: Lean would prove
     * {@code 5 / 0 = 0}.
     */
    public static Optional<Rational> value(Expr expr) {
        try {
            return Optional.of(evaluate(expr));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Lean 3 for the expression over {@code field} ({@code ℚ} or {@code ℝ}), fully parenthesised, every literal typed. */
    public static String lean(Expr expr, String field) {
        if (expr instanceof Num num) {
            return num.scale() == 0 ? "(" + num.digits() + " : " + field + ")"
                    : "(" + num.digits() + " / " + BigInteger.TEN.pow(num.scale()) + " : " + field + ")";
        }
        if (expr instanceof Neg neg) {
            return "(-" + lean(neg.operand(), field) + ")";
        }
        Binary binary = (Binary) expr;
        if (binary.operator() == '^') {
            return "(" + lean(binary.left(), field) + " ^ " + ((Num) binary.right()).digits() + ")";
        }
        return "(" + lean(binary.left(), field) + " " + binary.operator() + " " + lean(binary.right(), field) + ")";
    }

    private static Rational evaluate(Expr expr) {
        Rational result;
        if (expr instanceof Num num) {
            result = new Rational(num.digits(), BigInteger.TEN.pow(num.scale()));
        } else if (expr instanceof Neg neg) {
            result = evaluate(neg.operand()).negate();
        } else {
            Binary binary = (Binary) expr;
            Rational left = evaluate(binary.left());
            if (binary.operator() == '^') {
                result = left.pow(((Num) binary.right()).digits().intValueExact());
            } else {
                Rational right = evaluate(binary.right());
                result = switch (binary.operator()) {
                    case '+' -> left.add(right);
                    case '-' -> left.add(right.negate());
                    case '*' -> left.multiply(right);
                    default -> left.divide(right);
                };
            }
        }
        if (result.numerator().bitLength() > MAX_BITS || result.denominator().bitLength() > MAX_BITS) {
            throw new ArithmeticException("too large to check");
        }
        return result;
    }

    /** Tokens, or null on a character outside the grammar or a number too long. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if ("+-*/^()".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (isAsciiDigit(c)) {
                int start = i;
                while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                    i++;
                }
                if (i + 1 < text.length() && text.charAt(i) == '.' && isAsciiDigit(text.charAt(i + 1))) {
                    i++;
                    while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                        i++;
                    }
                }
                String number = text.substring(start, i);
                if (number.replace(".", "").length() > MAX_DIGITS) {
                    return null;
                }
                tokens.add(number);
            } else {
                return null;
            }
            if (tokens.size() > MAX_TOKENS) {
                return null;
            }
        }
        return tokens;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static final class Parser {
        private final List<String> tokens;
        private int at;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        Expr expression() {
            return leftAssociative("+-", this::term);
        }

        private Expr term() {
            return leftAssociative("*/", this::unary);
        }

        /** {@code next (op next)*} for the operators in {@code operators}, grouped to the left. */
        private Expr leftAssociative(String operators, java.util.function.Supplier<Expr> next) {
            Expr left = next.get();
            while (left != null && at < tokens.size() && tokens.get(at).length() == 1
                    && operators.indexOf(tokens.get(at).charAt(0)) >= 0) {
                char operator = tokens.get(at++).charAt(0);
                Expr right = next.get();
                left = right == null ? null : new Binary(operator, left, right);
            }
            return left;
        }

        private Expr unary() {
            if (peek("-")) {
                at++;
                Expr operand = unary();
                return operand == null ? null : new Neg(operand);
            }
            Expr base = atom();
            if (base != null && peek("^")) {
                at++;
                // Only a natural literal exponent: Lean's ^ on a field takes ℕ, and a bound keeps norm_num quick.
                if (at < tokens.size() && tokens.get(at).chars().allMatch(Character::isDigit)
                        && tokens.get(at).length() <= 2 && Integer.parseInt(tokens.get(at)) <= MAX_EXPONENT) {
                    return new Binary('^', base, new Num(new BigInteger(tokens.get(at++)), 0));
                }
                return null;
            }
            return base;
        }

        private Expr atom() {
            if (at >= tokens.size()) {
                return null;
            }
            String token = tokens.get(at);
            if (token.equals("(")) {
                // Nesting needs no bound of its own: MAX_TOKENS bounds it and the recursion.
                at++;
                Expr inner = expression();
                if (inner == null || !peek(")")) {
                    return null;
                }
                at++;
                return inner;
            }
            if (Character.isDigit(token.charAt(0))) {
                at++;
                int dot = token.indexOf('.');
                return dot < 0 ? new Num(new BigInteger(token), 0)
                        : new Num(new BigInteger(token.replace(".", "")), token.length() - dot - 1);
            }
            return null;
        }

        private boolean peek(String token) {
            return at < tokens.size() && tokens.get(at).equals(token);
        }
    }
}
