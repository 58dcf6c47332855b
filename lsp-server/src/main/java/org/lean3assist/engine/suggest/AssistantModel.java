package org.lean3assist.engine.suggest;

import java.util.List;
import java.util.Optional;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.ModelStatus;
import org.lean3assist.model.LanguageModel;
import org.lean3assist.model.MathAssistant;
import org.lean3assist.model.prompt.PromptTask;
import org.lean3assist.model.solve.Interpreter;
import org.lean3assist.model.solve.SolveMode;
import org.lean3assist.model.solve.Solver;
import org.lean3assist.model.solve.WrittenSolution;

/** The {@code model} module's {@link MathAssistant} in the server's terms. */
public final class AssistantModel implements MathModel {

    private final MathAssistant assistant;
    private final LanguageModel model;

    public AssistantModel(MathAssistant assistant) {
        this.assistant = assistant;
        this.model = assistant.model();
    }

    @Override
    public List<String> suggestTactics(String tacticState, int n, Cancellation cancelled) {
        return scoredTactics(tacticState, n, cancelled).stream().map(ScoredTactic::tactic).toList();
    }

    @Override
    public List<ScoredTactic> scoredTactics(String tacticState, int n, Cancellation cancelled) {
        if (!assistant.profile().supports(PromptTask.NEXT_TACTIC)) {
            return List.of();
        }
        return assistant.suggestTactics(tacticState, n, cancelled::isCancelled).stream()
                .map(suggestion -> new ScoredTactic(suggestion.tactic(), suggestion.logProb()))
                .toList();
    }

    @Override
    public List<String> formalize(String naturalLanguage, int n, Cancellation cancelled) {
        requireTask(PromptTask.FORMALIZE);
        return assistant.formalize(naturalLanguage, n, cancelled::isCancelled);
    }

    @Override
    public String informalize(String leanStatement, Cancellation cancelled) {
        requireTask(PromptTask.INFORMALIZE);
        return assistant.informalize(leanStatement, cancelled::isCancelled);
    }

    @Override
    public Optional<SolveMode> solveMode() {
        return assistant.profile().supports(PromptTask.SOLVE) ? Optional.of(SolveMode.of(assistant.profile()))
                : Optional.empty();
    }

    @Override
    public List<WrittenSolution> solve(String question, Solver.Options options, Interpreter interpreter,
                                       Cancellation cancelled) {
        if (solveMode().isEmpty()) {
            return MathModel.super.solve(question, options, interpreter, cancelled);
        }
        return assistant.solve(question, options, interpreter, cancelled::isCancelled);
    }

    private void requireTask(PromptTask task) {
        if (!assistant.profile().supports(task)) {
            throw new UnsupportedOperationException("the prompt profile '" + assistant.profile().name()
                    + "' has no prompt for " + task.name().toLowerCase(java.util.Locale.ROOT) + "; it is for solving word problems");
        }
    }

    @Override
    public boolean judges() {
        return assistant.judges();
    }

    @Override
    public Optional<Boolean> judge(String question, String solution, Cancellation cancelled) {
        return assistant.judge(question, solution, cancelled::isCancelled);
    }

    @Override
    public ModelStatus status() {
        String device = model.info().device().toLowerCase(java.util.Locale.ROOT);
        return device.contains("cuda") ? ModelStatus.READY_CUDA
                : device.contains("remote") ? ModelStatus.READY_REMOTE : ModelStatus.READY_CPU;
    }

    @Override
    public void close() {
        model.close();
    }
}
