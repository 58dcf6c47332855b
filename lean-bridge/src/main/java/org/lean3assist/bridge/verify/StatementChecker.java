package org.lean3assist.bridge.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.LeanProcessException;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.TacticBlocks;

/**
 * Checks a model-written Lean 3 statement by elaborating it with {@code sorry} as its proof, after
 * the context it is meant for, on a checker Lean of the project's pool: never on the Lean that
 * checks the user's buffers, and under a shadow name of the checker's own slot, so that two
 * formalizations at once never share a file.
 *
 * <p>It fails closed. A statement is ok only when Lean's messages are shown to be about this very
 * check: after the statement the checked text prints a line, {@code #print "<answer>"}, whose text
 * is a digest of everything before it, and exactly one information message with that text must
 * stand at that line. Without it nothing is read as a verdict, since a list of messages left from
 * an earlier check, or one Lean had not sent yet, would otherwise pass for a clean one.
 */
public final class StatementChecker {

    /** {@code theorem name} or {@code lemma name}, then the statement, then {@code :=}. */
    private static final Pattern STATEMENT = Pattern.compile(
            "(?s)\\s*(theorem|lemma)\\s+([\\p{L}_][\\p{L}\\p{N}_'.]*)\\s*(.*?)\\s*:=\\s*");
    private static final long CHECK_WAIT_SECONDS = 120;
    /**
     * How long to keep looking for the answer after Lean's barrier: Lean sends {@code all_messages}
     * at most every 100 ms, and the last one may come after the barrier.
     */
    private static final long LATE_MESSAGES_MILLIS = 500;
    private static final long POLL_MILLIS = 10;
    /** What a missing answer is reported as. */
    static final String ANSWER_NOT_SEEN = "Lean's answer was not seen";

    private final CheckerPool checkers;

    /** @param checkers the project's checkers; each check holds one of them while it runs */
    public StatementChecker(CheckerPool checkers) {
        this.checkers = checkers;
    }

    /** Lean's verdict on one statement: ok, or the first error Lean gave (or why it was not sent). */
    public record Result(boolean ok, Optional<String> message) {

        static Result accepted() {
            return new Result(true, Optional.empty());
        }

        static Result refused(String why) {
            return new Result(false, Optional.of(why));
        }
    }

    /**
     * The text one statement is checked in, and where Lean's answers to it are.
     *
     * @param content       the context, a blank line, the statement with {@code sorry}, then the answer line
     * @param statementLine the line the statement starts on (1-based); errors from here on are its own
     * @param answerLine    the line of {@code #print "<answer>"}
     * @param answer        the text Lean prints there: {@code lean3assist_formalize_} and the first 16 hex
     *                      digits of the SHA-256 of the content before the answer line
     */
    public record Check(String content, int statementLine, int answerLine, String answer) {

        /** The check of {@code statement} after {@code context}. */
        public static Check of(String context, String statement) {
            String prefix = context.isEmpty() || context.endsWith("\n") ? context : context + "\n";
            int statementLine = (int) prefix.chars().filter(c -> c == '\n').count() + 2;
            String checked = prefix + "\n" + statement.strip() + " sorry\n";
            int answerLine = (int) checked.chars().filter(c -> c == '\n').count() + 1;
            String answer = "lean3assist_formalize_" + digest(checked);
            return new Check(checked + "#print \"" + answer + "\"\n", statementLine, answerLine, answer);
        }

        /**
         * Lean's verdict from the messages a checker holds for {@code fileName}: ok only with this
         * check's own answer, exactly once, at its line and column 0, and no error from the
         * statement's line on. Errors before it are the context's, which the user sees in their own file.
         */
        public Result judge(String fileName, List<LeanMessage> messages) {
            List<LeanMessage> own = messages.stream().filter(message -> message.fileName().equals(fileName)).toList();
            long answers = own.stream().filter(message -> message.severity() == LeanMessage.Severity.INFORMATION
                    && message.line() == answerLine && message.column() == 0 && message.text().equals(answer)).count();
            if (answers != 1) {
                return Result.refused(ANSWER_NOT_SEEN);
            }
            return own.stream()
                    .filter(message -> message.severity() == LeanMessage.Severity.ERROR && message.line() >= statementLine)
                    .findFirst()
                    .map(error -> Result.refused(error.text()))
                    .orElseGet(Result::accepted);
        }
    }

    /**
     * Refuses a statement that is not one plain {@code theorem}/{@code lemma} declaration made of what
     * a safe tactic may contain; this is what keeps model output from running commands in Lean.
     */
    public static SafetyVerdict screen(String statement) {
        Matcher matcher = STATEMENT.matcher(statement);
        if (!matcher.matches()) {
            return SafetyVerdict.reject("not a single 'theorem NAME ... :=' statement");
        }
        String name = matcher.group(2);
        if (SafetyFilter.check("exact " + name).rejection().isPresent()) {
            return SafetyVerdict.reject("the name '" + name + "' is not allowed");
        }
        String body = matcher.group(3).replace('\n', ' ');
        // The body goes through the tactic filter as the argument of `show`: the same allow-list of
        // characters, tokens and names, and the same refusal of anything that ends a command.
        return SafetyFilter.check("show " + body);
    }

    /**
     * The text a statement is checked after: the document up to the declaration that contains
     * {@code position} (or up to its line), or the whole document without a position.
     */
    public static String contextBefore(String document, Optional<LeanPosition> position) {
        if (position.isEmpty()) {
            return document;
        }
        int line = TacticBlocks.enclosing(document, position.get())
                .map(block -> block.declarationLine())
                .orElse(position.get().line());
        return document.lines().limit(Math.max(0, line - 1)).collect(Collectors.joining("\n"));
    }

    /**
     * Elaborates {@code context}, then {@code statement sorry}, on a free checker, under a name beside
     * {@code anchor} (so the context's relative imports resolve as they do for it); reports the first
     * error on the statement.
     */
    public Result check(Path anchor, String context, String statement) {
        SafetyVerdict screened = screen(statement);
        if (!screened.accepted()) {
            return Result.refused("not sent to Lean: " + screened.rejection().orElse("unsafe"));
        }
        Check check = Check.of(context, statement);
        ScreenedContent content = ScreenedContent.statementCheck(check, screened);
        CheckerPool.Checker checker;
        try {
            checker = checkers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.refused("interrupted");
        } catch (IOException cannotStart) {
            return Result.refused("no checker Lean could be started: " + cannotStart.getMessage());
        }
        try (checker) {
            String shadow = shadowName(anchor, checker.slot());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHECK_WAIT_SECONDS);
            try {
                await(checker.sync(shadow, content), deadline);
                await(checker.awaitChecked(), deadline);
                return check.judge(shadow, messagesOnceAnswered(checker, shadow, check));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.refused("interrupted");
            } catch (TimeoutException e) {
                // Lean 3 goes on elaborating a runaway statement after a new sync, and every later
                // check on this checker would wait for it: it is replaced.
                checker.discard("a formalization check exceeded " + CHECK_WAIT_SECONDS + " s");
                return Result.refused("Lean did not answer within " + CHECK_WAIT_SECONDS + " s");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof LeanProcessException) {
                    checker.discard("its Lean died during a formalization check: " + e.getCause().getMessage());
                }
                return Result.refused("Lean could not check it: " + e.getCause().getMessage());
            }
        }
    }

    /**
     * The name a check on checker {@code slot} is synced under: beside {@code anchor}, so its
     * relative imports resolve, and one per slot, so checks at once never overwrite each other.
     */
    static String shadowName(Path anchor, int slot) {
        return ShadowFiles.sibling(anchor, "formalize-" + slot);
    }

    /**
     * The checker's messages for {@code fileName} once the check's answer is among them, or as they
     * are when the late-message wait is over.
     */
    private static List<LeanMessage> messagesOnceAnswered(CheckerPool.Checker checker, String fileName, Check check)
            throws InterruptedException {
        long lateDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LATE_MESSAGES_MILLIS);
        while (true) {
            List<LeanMessage> messages = checker.messages(fileName);
            boolean answered = messages.stream().anyMatch(message -> message.line() == check.answerLine()
                    && message.text().equals(check.answer()));
            if (answered || System.nanoTime() >= lateDeadline) {
                return messages;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static <T> T await(CompletableFuture<T> future, long deadlineNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
