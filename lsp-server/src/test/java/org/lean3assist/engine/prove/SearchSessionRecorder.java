package org.lean3assist.engine.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.RealLean;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.SessionRecording;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.TacticSession;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.Engine;

/**
 * Records the tactic sessions of the product's own searches on a real Lean, for the tests and the
 * editor end-to-end run that replay them ({@code lean3/tactic-sessions/NAME.json}): the search with
 * the hover's budget and with the prove command's, from the same site, into one recording. Runs only
 * when asked, with a real Lean:
 * {@code LEAN3_HOME=… ./mvnw -pl lean-bridge,model,lsp-server test -Dtest=SearchSessionRecorder -Dsurefire.failIfNoSpecifiedTests=false -Dlean3assist.record=$PWD/lean-bridge/src/test/resources/lean3/tactic-sessions}.
 */
@EnabledIf(value = "recording", disabledReason = "records only with -Dlean3assist.record=DIR and a real Lean 3")
class SearchSessionRecorder {

    @TempDir
    Path workspace;

    static boolean recording() {
        return System.getProperty("lean3assist.record") != null && RealLean.found();
    }

    /** {@code basics.lean}'s {@code or_swap_ex} after {@code intro h}: no single tactic closes it. */
    @Test
    void recordsTheSearchesAtBasicsOrSwap() throws Exception {
        record("basics-or-swap", Recordings.source("basics"), new LeanPosition(15, 2));
    }

    private void record(String name, String source, LeanPosition site) throws Exception {
        Files.writeString(workspace.resolve("basics.lean"), source);
        LeanBridgeSettings settings = LeanBridgeSettings.defaults();
        try (CheckerPool real = CheckerPool.forProject(RealLean.installation(), workspace, settings,
                Sandbox.none("recording"))) {
            SessionRecording recording = new SessionRecording(real.sessions().orElseThrow());
            TacticSession.Limits limits = new TacticSession.Limits(Duration.ofSeconds(3), settings.deterministicTimeout(),
                    Duration.ofSeconds(120));
            SessionSteps.Opener opener = () -> TacticSession.open(recording, source, site, limits);
            // The confirmation is a replay, recorded with the checked replays; here every lead is taken.
            StepChecker confirmer = (prefix, candidates, cancellation) -> List.of(new ReplayResult(0, candidates.get(0),
                    Verdict.CLOSES_GOAL, Optional.empty(), Optional.empty(), List.of(), Duration.ZERO));
            List<String> proofs = new ArrayList<>();
            for (ProofSearch.Budget budget : List.of(Engine.HOVER_BUDGET, Engine.PROVE_BUDGET)) {
                try (TacticSession first = opener.open();
                     SessionSteps explorer = new SessionSteps(List.of(first, opener.open()), opener)) {
                    ProofSearch.Outcome outcome = new ProofSearch(explorer, confirmer, List.of(new SearchPortfolio(Set.of())))
                            .search(first.initial(), budget, Cancellation.NEVER, progress -> { });
                    outcome.proof().ifPresent(proof -> proofs.add(proof.text()));
                }
            }
            assertEquals(2, proofs.size(), "each search found a proof: " + proofs);
            recording.write(Path.of(System.getProperty("lean3assist.record")).resolve(name + ".json"), source, site,
                    RealLean.installation().versionLine());
            System.err.println("[record] " + name + ": proofs " + proofs);
        }
    }
}
