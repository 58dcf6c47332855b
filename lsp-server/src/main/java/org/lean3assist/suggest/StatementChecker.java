package org.lean3assist.suggest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.TacticBlocks;
import org.lean3assist.bridge.verify.SafetyFilter;
import org.lean3assist.bridge.verify.SafetyVerdict;
import org.lean3assist.bridge.verify.ShadowFiles;

/**
 * Checks a model-written Lean 3 statement by elaborating it with {@code sorry} as its proof, after
 * the context it is meant for, in a shadow file that never touches the user's buffer.
 */
public final class StatementChecker {

    /** {@code theorem name} or {@code lemma name}, then the statement, then {@code :=}. */
    private static final Pattern STATEMENT = Pattern.compile(
            "(?s)\\s*(theorem|lemma)\\s+([\\p{L}_][\\p{L}\\p{N}_'.]*)\\s*(.*?)\\s*:=\\s*");
    private static final long CHECK_WAIT_SECONDS = 120;

    private final LeanServer server;

    public StatementChecker(LeanServer server) {
        this.server = server;
    }

    /** Lean's verdict on one statement: ok, or the first error Lean gave (or why it was not sent). */
    public record Result(boolean ok, Optional<String> message) {}

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

    /** Elaborates {@code context}, then {@code statement sorry}; reports the first error on the statement. */
    public Result check(Path anchor, String context, String statement) {
        SafetyVerdict screened = screen(statement);
        if (!screened.accepted()) {
            return new Result(false, Optional.of("not sent to Lean: " + screened.rejection().orElse("unsafe")));
        }
        String prefix = context.isEmpty() || context.endsWith("\n") ? context : context + "\n";
        int statementLine = (int) prefix.lines().count() + 2;
        String content = prefix + "\n" + statement.strip() + " sorry\n";
        String shadow = ShadowFiles.sibling(anchor, "formalize");
        try {
            server.syncUntracked(shadow, content).get(CHECK_WAIT_SECONDS, TimeUnit.SECONDS);
            server.awaitChecked().get(CHECK_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, Optional.of("interrupted"));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new Result(false, Optional.of("Lean could not check it: " + cause.getMessage()));
        }
        List<LeanMessage> errors = server.messages(shadow).stream()
                .filter(message -> message.severity() == LeanMessage.Severity.ERROR && message.line() >= statementLine)
                .toList();
        return errors.isEmpty() ? new Result(true, Optional.empty()) : new Result(false, Optional.of(errors.get(0).text()));
    }
}
