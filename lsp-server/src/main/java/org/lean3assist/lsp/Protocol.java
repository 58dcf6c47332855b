package org.lean3assist.lsp;

import java.util.Arrays;
import java.util.List;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.LeanStatus;
import org.lean3assist.engine.ModelStatus;
import org.lean3assist.engine.suggest.Suggestion;

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
    public static final String PROVE = "lean3Assist.server.prove";
    public static final String SOLVE = "lean3Assist.server.solve";
    public static final List<String> COMMANDS = List.of(SUGGEST_TACTICS, FORMALIZE, INFORMALIZE, RESTART_LEAN, PROVE, SOLVE);

    /** Custom request: the goal at a position as plain text, like lean4's {@code $/lean/plainGoal}. */
    public static final String PLAIN_GOAL = "$/lean3Assist/plainGoal";
    /** Custom notification, server to client: Lean's and the model's state. */
    public static final String STATUS = "$/lean3Assist/status";
    /**
     * Custom request: follow a place (the cursor, as it moves); the server then pushes
     * {@value #SUGGESTIONS} for it. A {@code null} text document stops following.
     */
    public static final String FOLLOW = "$/lean3Assist/follow";
    /** Custom notification, server to client: the followed place's goal, verdicts and search, as Lean judges. */
    public static final String SUGGESTIONS = "$/lean3Assist/suggestions";
    /** Custom request: stop the searches running from a subscription's place. */
    public static final String STOP_SEARCH = "$/lean3Assist/stopSearch";
    public static final List<String> FOLLOW_PHASES =
            Arrays.stream(org.lean3assist.engine.CursorFollower.Phase.values())
                    .map(org.lean3assist.engine.CursorFollower.Phase::wire).toList();

    /** The values of {@link Status#lean()}, {@link Status#model()} and the other enumerated fields. */
    public static final List<String> LEAN_STATES = Arrays.stream(LeanStatus.values()).map(LeanStatus::wire).toList();
    public static final List<String> MODEL_STATES = Arrays.stream(ModelStatus.values()).map(ModelStatus::wire).toList();
    public static final List<String> TACTIC_STATUSES = Arrays.stream(Verdict.values()).map(Suggestion::status).toList();
    public static final List<String> SUGGESTION_SOURCES =
            Arrays.stream(Suggestion.Source.values()).map(Suggestion.Source::wire).toList();
    /** A formalization the server could not check is an error reply, so "unchecked" is never sent. */
    public static final List<String> FORMALIZED_STATUSES = List.of(Engine.FormalizedStatus.OK.wire(),
            Engine.FormalizedStatus.ERROR.wire());
    public static final List<String> SEARCH_STOPS =
            Arrays.stream(org.lean3assist.engine.prove.ProofSearch.Stop.values())
                    .map(org.lean3assist.engine.prove.ProofSearch.Stop::wire).toList();
    public static final List<String> SOLVE_MODES =
            Arrays.stream(org.lean3assist.model.solve.SolveMode.values()).map(org.lean3assist.model.solve.SolveMode::wire).toList();
    public static final List<String> ANSWER_STATUSES =
            Arrays.stream(org.lean3assist.engine.solve.AnswerStatus.values()).map(org.lean3assist.engine.solve.AnswerStatus::wire).toList();
    public static final List<String> CLAIM_VERDICTS =
            Arrays.stream(org.lean3assist.engine.solve.ClaimVerdict.values()).map(org.lean3assist.engine.solve.ClaimVerdict::wire).toList();
    public static final List<String> SANDBOX_MODES =
            Arrays.stream(SandboxMode.values()).map(SandboxMode::settingValue).toList();

    private Protocol() {}

    /**
     * {@value #STATUS}: lean is one of {@link #LEAN_STATES}, model one of {@link #MODEL_STATES}. {@code sandboxed} and {@code sandbox} say how the
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

    /** A text edit of the reply to {@value #PROVE}: LSP's range and the text to put there. */
    public record ProofEdit(org.eclipse.lsp4j.Range range, String newText) {}

    /**
     * The reply to {@value #PROVE}: the goal at the site, whether a proof was found, the proof
     * (exactly the text Lean checked) and the edit that puts it in place of the rest of the block;
     * otherwise the best partial steps and the goals they leave. {@code stop} is one of
     * {@link #SEARCH_STOPS}.
     */
    public record ProveResult(String goal, boolean proved, String proof, ProofEdit edit, List<String> steps,
                              String goalsLeft, String stop, int expansions, int replays, long ms) {}

    /** The parameters of {@value #FOLLOW}: the document and the cursor; no document stops following. */
    public record FollowParams(org.eclipse.lsp4j.TextDocumentIdentifier textDocument, org.eclipse.lsp4j.Position position) {}

    /** The reply to {@value #FOLLOW}: the subscription every {@value #SUGGESTIONS} for it carries; null once stopped. */
    public record FollowResult(Long subscription) {}

    /** The parameters of {@value #STOP_SEARCH}. */
    public record StopSearchParams(long subscription) {}

    /** The reply to {@value #STOP_SEARCH}: whether a search was running there. */
    public record StopSearchResult(boolean stopped) {}

    /** A hypothesis of a goal: its names and its type, as Lean prints them. */
    public record HypothesisView(List<String> names, String type) {}

    /** One goal: its case tag (null without one), its hypotheses and its target. */
    public record GoalView(String caseTag, List<HypothesisView> hypotheses, String target) {}

    /**
     * The followed place's tactic state: Lean's text, and its goals one by one (empty when the text
     * could not be read, which the rendered text then shows as it is).
     */
    public record GoalStateView(String rendered, List<GoalView> goals) {}

    /**
     * A judged suggestion of {@value #SUGGESTIONS}: as in {@value #SUGGEST_TACTICS}, with what it does
     * in words and, for a verified one, the edit that inserts it before the tactic at the place.
     */
    public record FollowedSuggestion(String tactic, String status, String goalsAfter, String message, String source,
                                     String description, ProofEdit edit) {}

    /**
     * A search from the followed place: running (expansions and depth so far, the best steps and the
     * goals they leave) or ended ({@code stop} one of {@link #SEARCH_STOPS}; a proof, exactly the
     * text Lean checked, with the edit that puts it in place of the rest of the block).
     */
    public record SearchView(boolean running, int expansions, int depth, List<String> bestSteps, Integer goalsLeft,
                             String stop, String proof, ProofEdit edit) {}

    /**
     * {@value #SUGGESTIONS}: one report on the followed place. {@code sequence} grows with every
     * report of the session; a client keeps, per subscription, only a report newer than the last
     * it showed, and only for the document version it has. {@code phase} is one of
     * {@link #FOLLOW_PHASES}; {@code site} is where the goal is (the tactic's start), null outside a
     * proof; {@code goal} is null until Lean answers.
     */
    public record SuggestionsReport(long subscription, long sequence, String uri, int version, org.eclipse.lsp4j.Position site,
                                    String phase, GoalStateView goal, List<FollowedSuggestion> suggestions, SearchView search) {}

    /**
     * One arithmetic claim of a solution: as written, the proposition Lean was asked about, the verdict (one of
     * {@link #CLAIM_VERDICTS}) and Lean's message or why it was not checked.
     */
    public record SolveClaim(String claim, String checked, String verdict, String message) {}

    /** One program a solution wrote: whether it ran (in the sandbox), whether it ended well, and its output. */
    public record SolveProgram(String program, boolean ran, boolean ok, String output) {}

    /**
     * One sampled solution of {@value #SOLVE}: its text, its answer (null without one), the answer's status (one of
     * {@link #ANSWER_STATUSES}) and what it rests on, each claim's verdict, its programs, and, for a solution in
     * Lean, the theorem as checked with its verdict (one of {@link #CLAIM_VERDICTS}).
     */
    public record SolveSample(String text, String answer, String status, String why, List<SolveClaim> claims,
                              List<SolveProgram> programs, String theorem, String theoremVerdict, String theoremMessage,
                              String reward) {}

    /** The values of {@link SolveSample#reward()}: the model's own judgement, when asked (null otherwise). */
    public static final List<String> REWARDS = List.of("correct", "incorrect");

    /** An answer, how many samples gave it, and (when ranked by reward) how many of those the model judged correct. */
    public record SolveVote(String answer, int votes, Integer judgedCorrect) {}

    /**
     * The reply to {@value #SOLVE}: the winning answer (null when no sample states one) with its status (one of
     * {@link #ANSWER_STATUSES}) and what it rests on, the vote, every sample, the mode (one of
     * {@link #SOLVE_MODES}), where programs ran, how Lean's checks were confined, and how answers were ranked. The command line's
     * {@code solve --json} prints the same object.
     */
    public record SolveResult(String question, String mode, String answer, String status, String why, int samples,
                              List<SolveVote> votes, List<SolveSample> solutions, String programs, String confinement,
                              String ranking) {}

    /** The reply to {@value #INFORMALIZE}. */
    public record InformalizeResult(String text) {}
}
