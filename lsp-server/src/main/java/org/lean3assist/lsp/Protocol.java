package org.lean3assist.lsp;

import java.util.List;

/**
 * Every name and shape this server adds to LSP, in one place; {@code vscode-client/src/protocol.ts}
 * mirrors it. Shapes are records so LSP4J's Gson writes them field by field.
 */
public final class Protocol {

    /** Commands the server advertises in {@code executeCommandProvider}. */
    public static final String SUGGEST_TACTICS = "lean3Assist.server.suggestTactics";
    public static final String FORMALIZE = "lean3Assist.server.formalize";
    public static final String INFORMALIZE = "lean3Assist.server.informalize";
    public static final String RESTART_LEAN = "lean3Assist.server.restartLean";
    public static final List<String> COMMANDS = List.of(SUGGEST_TACTICS, FORMALIZE, INFORMALIZE, RESTART_LEAN);

    /** Custom request: the goal at a position as plain text, like lean4's {@code $/lean/plainGoal}. */
    public static final String PLAIN_GOAL = "$/lean3Assist/plainGoal";
    /** Custom notification, server to client: Lean's and the model's state. */
    public static final String STATUS = "$/lean3Assist/status";

    private Protocol() {}

    /**
     * {@value #STATUS}: lean is starting|ready|checking|restarting|crashed|missing; model is
     * none|loading|ready-cpu|ready-cuda|error. {@code sandboxed} and {@code sandbox} say how the
     * replays of the project last checked are confined (whether in the OS sandbox, and one line
     * saying how or why not); both are left out until a project has started.
     */
    public record Status(String lean, String model, String message, Boolean sandboxed, String sandbox) {}

    /** The reply to {@value #PLAIN_GOAL}: Markdown, and each goal's text. */
    public record PlainGoal(String rendered, List<String> goals) {}

    /** One suggestion in {@value #SUGGEST_TACTICS}' reply. */
    public record SuggestionItem(String tactic, String status, String goalsAfter, String message, String source) {}

    /** The reply to {@value #SUGGEST_TACTICS}. */
    public record SuggestResult(String goal, List<SuggestionItem> suggestions) {}

    /** One statement in {@value #FORMALIZE}' reply; status is ok or error. */
    public record FormalizedStatement(String statement, String status, String message) {}

    /** The reply to {@value #FORMALIZE}. */
    public record FormalizeResult(List<FormalizedStatement> statements) {}

    /** The reply to {@value #INFORMALIZE}. */
    public record InformalizeResult(String text) {}
}
