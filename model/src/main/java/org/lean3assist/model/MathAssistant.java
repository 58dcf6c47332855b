package org.lean3assist.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lean3assist.model.generate.FinishReason;
import org.lean3assist.model.prompt.OutputParsers;
import org.lean3assist.model.prompt.PromptProfile;
import org.lean3assist.model.prompt.PromptTask;
import org.lean3assist.model.solve.Interpreter;
import org.lean3assist.model.solve.Solver;
import org.lean3assist.model.solve.WrittenSolution;

/**
 * The four things the language server asks of a model, in plain strings: next tactics for a tactic state,
 * theorem statements for a sentence, a sentence for a theorem statement, and solutions to a word problem. It formats prompts with a
 * {@link PromptProfile}, runs a {@link LanguageModel} (local or remote) and parses the answers.
 */
public final class MathAssistant {

    /** A solution is longer than a tactic: at least this many new tokens per generation, whatever the base config. */
    public static final int SOLVE_MAX_NEW_TOKENS = 512;
    /** A judgement is one sentence. */
    static final int JUDGEMENT_MAX_NEW_TOKENS = 24;

    private final LanguageModel model;
    private final PromptProfile profile;
    private final GenerationConfig baseConfig;

    /**
     * @param baseConfig limits, sampling and seed for every request; the profile's stop strings are added to it and
     *                   the number of candidates is set per call
     */
    public MathAssistant(LanguageModel model, PromptProfile profile, GenerationConfig baseConfig) {
        this.model = model;
        this.profile = profile;
        this.baseConfig = baseConfig;
    }

    /** Up to {@code n} distinct tactics for {@code tacticState} (Lean's goal text), best first. */
    public List<TacticSuggestion> suggestTactics(String tacticState, int n, CancelCheck cancel) {
        List<Completion> completions = run(PromptTask.NEXT_TACTIC, tacticState, n, cancel);
        List<TacticSuggestion> parsed = new ArrayList<>();
        for (Completion completion : completions) {
            OutputParsers.parseTactic(completion.text())
                    .ifPresent(tactic -> parsed.add(new TacticSuggestion(tactic, completion.logProb())));
        }
        // Two completions may parse to one tactic: the better one counts, ranked as completions are.
        return Completion.bestDistinct(parsed, TacticSuggestion::tactic, TacticSuggestion::logProb);
    }

    /** Up to {@code n} distinct {@code theorem ... :=} statements for a natural-language statement, best first. */
    public List<String> formalize(String naturalLanguage, int n, CancelCheck cancel) {
        List<String> statements = new ArrayList<>();
        for (Completion completion : run(PromptTask.FORMALIZE, naturalLanguage, n, cancel)) {
            OutputParsers.parseTheoremStatement(completion.text())
                    .filter(statement -> !statements.contains(statement))
                    .ifPresent(statements::add);
        }
        return statements;
    }

    /** A natural-language reading of a Lean 3 statement (greedy or as configured); empty if the model said nothing. */
    public String informalize(String leanStatement, CancelCheck cancel) {
        List<Completion> completions = run(PromptTask.INFORMALIZE, leanStatement, 1, cancel);
        return completions.isEmpty() ? "" : OutputParsers.parseText(completions.get(0).text());
    }

    /**
     * Up to {@code options.samples()} solutions to a word problem in the mode of this profile's model
     * ({@link SolveMode}), parsed but unchecked; programs go to {@code interpreter}.
     *
     * @throws IllegalArgumentException when the profile has no solve prompt
     */
    public List<WrittenSolution> solve(String question, Solver.Options options, Interpreter interpreter,
                                       CancelCheck cancel) {
        int room = Math.max(baseConfig.maxNewTokens(), SOLVE_MAX_NEW_TOKENS);
        // Every sample counts in the vote, equal ones too: the backend's sample, not its distinct completions.
        return new Solver(profile, (prompt, n, check) -> model.sample(prompt, config(n, room), check)).solve(question,
                options, interpreter, cancel);
    }

    /** Whether this profile has an outcome reward prompt ({@link #judge}). */
    public boolean judges() {
        return profile.supports(PromptTask.OUTCOME_REWARD);
    }

    /**
     * The model's judgement of a solution with its outcome reward prompt (InternLM2-Math's "Given a question and an
     * answer, check is it correct?"), greedy: true for correct, false for incorrect, empty when it says neither or
     * the profile has no such prompt.
     */
    public Optional<Boolean> judge(String question, String solution, CancelCheck cancel) {
        if (!judges()) {
            return Optional.empty();
        }
        String input = "Question:" + question.strip() + "\nAnswer:" + solution.strip();
        GenerationConfig config = config(1, JUDGEMENT_MAX_NEW_TOKENS).withTemperature(0.0);
        List<Completion> completions = model.complete(profile.prompt(PromptTask.OUTCOME_REWARD, input), config, cancel);
        return completions.isEmpty() || completions.get(0).finishReason() == FinishReason.CANCELLED ? Optional.empty()
                : OutputParsers.parseJudgement(completions.get(0).text());
    }

    public PromptProfile profile() {
        return profile;
    }

    public LanguageModel model() {
        return model;
    }

    private List<Completion> run(PromptTask task, String input, int n, CancelCheck cancel) {
        // A cancelled candidate is cut off mid-answer; it is not worth parsing.
        return model.complete(profile.prompt(task, input), config(n, baseConfig.maxNewTokens()), cancel).stream()
                .filter(completion -> completion.finishReason() != FinishReason.CANCELLED)
                .toList();
    }

    private GenerationConfig config(int n, int maxNewTokens) {
        List<String> stops = new ArrayList<>(baseConfig.stopStrings());
        stops.addAll(profile.stopStrings());
        return baseConfig.withNumCandidates(Math.max(1, n)).withStopStrings(stops).withMaxNewTokens(maxNewTokens);
    }
}
