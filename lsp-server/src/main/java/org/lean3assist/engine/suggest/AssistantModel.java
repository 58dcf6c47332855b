package org.lean3assist.engine.suggest;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.lean3assist.model.LanguageModel;
import org.lean3assist.model.MathAssistant;
import org.lean3assist.model.TacticSuggestion;

/** The {@code model} module's {@link MathAssistant} in the server's terms. */
public final class AssistantModel implements MathModel {

    private final MathAssistant assistant;
    private final LanguageModel model;

    public AssistantModel(MathAssistant assistant) {
        this.assistant = assistant;
        this.model = assistant.model();
    }

    @Override
    public List<String> suggestTactics(String tacticState, int n, BooleanSupplier cancelled) {
        return assistant.suggestTactics(tacticState, n, cancelled::getAsBoolean).stream()
                .map(TacticSuggestion::tactic)
                .toList();
    }

    @Override
    public List<String> formalize(String naturalLanguage, int n, BooleanSupplier cancelled) {
        return assistant.formalize(naturalLanguage, n, cancelled::getAsBoolean);
    }

    @Override
    public String informalize(String leanStatement, BooleanSupplier cancelled) {
        return assistant.informalize(leanStatement, cancelled::getAsBoolean);
    }

    @Override
    public String status() {
        String device = model.info().device().toLowerCase(java.util.Locale.ROOT);
        return device.contains("cuda") ? "ready-cuda" : device.contains("remote") ? "ready-remote" : "ready-cpu";
    }

    @Override
    public void close() {
        model.close();
    }
}
