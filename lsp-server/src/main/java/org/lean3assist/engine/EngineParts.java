package org.lean3assist.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.lean3assist.engine.suggest.CandidateSource;
import org.lean3assist.engine.suggest.MathModel;

/**
 * The replaceable parts of an engine: how Lean starts, how the model loads, and where candidate
 * tactics come from. The product uses {@link #product()}; tests swap in recorded Lean and data.
 *
 * @param leanStarter      starts a project's editing Lean and its checkers
 * @param modelLoader      loads the model a config names (empty when none is configured)
 * @param candidateSources the candidate sources for the loaded model, in priority order
 */
public record EngineParts(LeanStarter leanStarter, Function<ModelConfig, Optional<MathModel>> modelLoader,
                          Function<Optional<MathModel>, List<CandidateSource>> candidateSources) {

    /** A real Lean found on this machine, the configured model, and the model before the portfolio. */
    public static EngineParts product() {
        return new EngineParts(LeanStarter.located(), ModelLoading::load, EngineParts::modelThenPortfolio);
    }

    public EngineParts withLean(LeanStarter starter) {
        return new EngineParts(starter, modelLoader, candidateSources);
    }

    public EngineParts withModel(Function<ModelConfig, Optional<MathModel>> loader) {
        return new EngineParts(leanStarter, loader, candidateSources);
    }

    public EngineParts withCandidateSources(Function<Optional<MathModel>, List<CandidateSource>> sources) {
        return new EngineParts(leanStarter, modelLoader, sources);
    }

    /** The model's tactics first (it has seen the goal), then the model-free portfolio. */
    public static List<CandidateSource> modelThenPortfolio(Optional<MathModel> model) {
        List<CandidateSource> sources = new ArrayList<>();
        model.ifPresent(loaded -> sources.add(loaded.asCandidateSource()));
        sources.add(CandidateSource.portfolio());
        return sources;
    }
}
