package org.lean3assist.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.engine.suggest.CandidateSource;
import org.lean3assist.engine.suggest.MathModel;
import org.lean3assist.engine.LeanStarter;

/**
 * The replaceable parts of a server: how Lean starts, how the model loads, and where candidate
 * tactics come from. The product uses {@link #product()}; tests swap in recorded Lean and data.
 *
 * @param leanStarter      starts a project's Lean
 * @param modelLoader      loads the model the settings name (empty when none is configured)
 * @param candidateSources the candidate sources for the loaded model, in priority order
 */
public record ServerParts(LeanStarter leanStarter, Function<Settings, Optional<MathModel>> modelLoader,
                          Function<Optional<MathModel>, List<CandidateSource>> candidateSources) {

    /** A real Lean found on this machine, the configured model, and the model before the portfolio. */
    public static ServerParts product() {
        return new ServerParts(LeanStarter.located(), ModelLoading::load, ServerParts::modelThenPortfolio);
    }

    public ServerParts withLean(LeanStarter starter) {
        return new ServerParts(starter, modelLoader, candidateSources);
    }

    public ServerParts withModel(Function<Settings, Optional<MathModel>> loader) {
        return new ServerParts(leanStarter, loader, candidateSources);
    }

    public ServerParts withCandidateSources(Function<Optional<MathModel>, List<CandidateSource>> sources) {
        return new ServerParts(leanStarter, modelLoader, sources);
    }

    /** The model's tactics first (it has seen the goal), then the model-free portfolio. */
    public static List<CandidateSource> modelThenPortfolio(Optional<MathModel> model) {
        List<CandidateSource> sources = new ArrayList<>();
        model.ifPresent(loaded -> sources.add(loaded.asCandidateSource()));
        sources.add(CandidateSource.portfolio());
        return sources;
    }
}
