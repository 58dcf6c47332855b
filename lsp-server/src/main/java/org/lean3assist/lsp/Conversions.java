package org.lean3assist.lsp;

import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.text.Utf16Position;
import org.lean3assist.engine.Documents;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * Every conversion between LSP's types and the core modules' types. LSP counts UTF-16 units from 0;
 * Lean counts lines from 1 and code points from 0; {@link PositionConverter} does the arithmetic.
 */
final class Conversions {

    private Conversions() {}

    /** An editor's change as the engine's: a ranged edit in UTF-16 units, or the whole text. */
    static Documents.Change change(TextDocumentContentChangeEvent change) {
        if (change.getRange() == null) {
            return Documents.Change.full(change.getText());
        }
        return Documents.Change.ranged(utf16(change.getRange().getStart()), utf16(change.getRange().getEnd()),
                change.getText());
    }

    static Utf16Position utf16(Position position) {
        return new Utf16Position(position.getLine(), position.getCharacter());
    }

    static LeanPosition toLean(PositionConverter text, Position position) {
        return text.toLean(utf16(position));
    }

    static Position toLsp(PositionConverter text, LeanPosition position) {
        Utf16Position utf16 = text.toUtf16(position);
        return new Position(utf16.line(), utf16.character());
    }

    /**
     * A diagnostic for one of Lean's messages. Lean 3 gives only a start; the range runs to the end of
     * the word there (at least one character), so the squiggle is visible and points at the culprit.
     */
    static Diagnostic diagnostic(PositionConverter text, LeanMessage message) {
        int line = Math.max(1, Math.min(message.line(), text.lineCount()));
        String lineText = text.lineText(line - 1);
        int lineLength = PositionConverter.codePointLength(lineText);
        int startColumn = Math.max(0, Math.min(message.column(), lineLength));
        int endColumn = startColumn;
        int[] codePoints = lineText.codePoints().toArray();
        while (endColumn < lineLength && !Character.isWhitespace(codePoints[endColumn])) {
            endColumn++;
        }
        if (endColumn == startColumn && startColumn < lineLength) {
            endColumn++;
        }
        var range = new Range(toLsp(text, new LeanPosition(line, startColumn)), toLsp(text, new LeanPosition(line, endColumn)));
        var diagnostic = new Diagnostic(range, message.text(), severity(message.severity()), "Lean 3");
        return diagnostic;
    }

    static DiagnosticSeverity severity(LeanMessage.Severity severity) {
        return switch (severity) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            default -> DiagnosticSeverity.Information;
        };
    }

    /** The goal in a {@code lean} code block, as vscode-lean shows it. */
    static String goalMarkdown(String rawState) {
        return "```lean\n" + rawState + "\n```";
    }

    /** The edit that puts a proof in place of a place's tactic and the rest of its block, before its {@code end}. */
    static Protocol.ProofEdit proofEdit(org.lean3assist.engine.Engine.Place place, String proof) {
        var converter = place.document().converter();
        return new Protocol.ProofEdit(new org.eclipse.lsp4j.Range(toLsp(converter, place.site().start()),
                toLsp(converter, place.site().block().end())), proof + "\n" + " ".repeat(place.site().block().end().column()));
    }

    /**
     * The hover's line on its short search: the proof first, as one block to insert, when Lean
     * checked one; that a search runs; nothing when it ended without a proof.
     */
    static String searchMarkdown(java.util.concurrent.CompletableFuture<org.lean3assist.engine.prove.ProofSearch.Outcome> search) {
        if (!search.isDone()) {
            return "**Proof search:** running; hover again in a moment.\n\n";
        }
        if (search.isCompletedExceptionally()) {
            return "";
        }
        return search.join().proof().map(proof -> "**Proof found by search** (Lean checked the whole proof; "
                + "the code action inserts it):\n\n```lean\n" + proof.text() + "\n```\n\n").orElse("");
    }

    /** The edit that inserts a tactic before a place's tactic, with its comma and the line's indentation. */
    static Protocol.ProofEdit insertEdit(org.lean3assist.engine.Engine.Place place, String tactic) {
        var text = place.document().converter();
        LeanPosition site = place.site().start();
        String lineText = text.lineText(site.line() - 1);
        String indentation = lineText.substring(0, lineText.length() - lineText.stripLeading().length());
        Position at = toLsp(text, site);
        return new Protocol.ProofEdit(new Range(at, at), tactic + ",\n" + indentation);
    }

    /** A follower's report as {@value Protocol#SUGGESTIONS} sends it. */
    static Protocol.SuggestionsReport report(org.lean3assist.engine.CursorFollower.Report report) {
        var place = report.place();
        Position site = place.map(at -> toLsp(at.document().converter(), at.site().start())).orElse(null);
        Protocol.GoalStateView goal = report.goal().map(Conversions::goalView).orElse(null);
        List<Protocol.FollowedSuggestion> suggestions = report.suggestions().stream()
                .map(suggestion -> new Protocol.FollowedSuggestion(suggestion.tactic(), suggestion.status(),
                        suggestion.goalsAfter().map(goals -> goals.render()).orElse(null), suggestion.message().orElse(null),
                        suggestion.source().wire(), suggestion.describe(),
                        suggestion.verified() && place.isPresent() ? insertEdit(place.get(), suggestion.tactic()) : null))
                .toList();
        Protocol.SearchView search = report.search().map(found -> searchView(found, place)).orElse(null);
        return new Protocol.SuggestionsReport(report.subscription(), report.sequence(), report.uri(), report.version(), site,
                report.phase().wire(), goal, suggestions, search);
    }

    static Protocol.GoalStateView goalView(org.lean3assist.bridge.GoalAtPosition goal) {
        return new Protocol.GoalStateView(goal.rawState(), goal.goals().map(state -> state.goals().stream()
                .map(one -> new Protocol.GoalView(one.caseTag().orElse(null), one.hypotheses().stream()
                        .map(hypothesis -> new Protocol.HypothesisView(hypothesis.names(), hypothesis.type())).toList(),
                        one.target()))
                .toList()).orElse(List.of()));
    }

    private static Protocol.SearchView searchView(org.lean3assist.engine.CursorFollower.SearchReport search,
                                                  java.util.Optional<org.lean3assist.engine.Engine.Place> place) {
        if (search.outcome().isPresent()) {
            var outcome = search.outcome().get();
            var proof = outcome.proof();
            return new Protocol.SearchView(false, outcome.figures().expansions(), outcome.figures().maxDepth(),
                    proof.map(org.lean3assist.engine.prove.ProofSearch.Proof::steps).orElse(outcome.bestSteps()),
                    proof.isPresent() ? 0 : outcome.bestState().goals().size(), outcome.stop().wire(),
                    proof.map(org.lean3assist.engine.prove.ProofSearch.Proof::text).orElse(null),
                    proof.isPresent() && place.isPresent() ? proofEdit(place.get(), proof.get().text()) : null);
        }
        return search.progress()
                .map(progress -> new Protocol.SearchView(true, progress.figures().expansions(), progress.figures().maxDepth(),
                        progress.bestSteps(), progress.bestState().goals().size(), null, null, null))
                .orElseGet(() -> new Protocol.SearchView(true, 0, 0, List.of(), null, null, null, null));
    }

    static String suggestionsMarkdown(List<Suggestion> suggestions, int limit) {
        List<Suggestion> verified = suggestions.stream().filter(Suggestion::verified).limit(limit).toList();
        if (suggestions.isEmpty()) {
            return "**Suggestions:** no candidate tactics for this goal.";
        }
        if (verified.isEmpty()) {
            return "**Suggestions:** none of " + suggestions.size() + " candidates was accepted by Lean.";
        }
        return "**Suggestions** (checked by Lean):\n\n" + bullets(verified);
    }

    /**
     * The hover's section while Lean still replays candidates: the ones verified so far, if any,
     * and a note that more are coming.
     */
    static String partialSuggestionsMarkdown(List<Suggestion> judgedSoFar, int limit) {
        List<Suggestion> verified = judgedSoFar.stream().filter(Suggestion::verified).limit(limit).toList();
        if (verified.isEmpty()) {
            return "**Suggestions:** Lean is checking candidates; hover again in a moment.";
        }
        return "**Suggestions** (checked by Lean so far; more are being checked, hover again for them):\n\n"
                + bullets(verified);
    }

    private static String bullets(List<Suggestion> verified) {
        return verified.stream()
                .map(suggestion -> "- `" + suggestion.tactic() + "` — " + suggestion.describe())
                .collect(Collectors.joining("\n"));
    }

    static Protocol.SuggestionItem item(Suggestion suggestion) {
        return new Protocol.SuggestionItem(suggestion.tactic(), suggestion.status(),
                suggestion.goalsAfter().map(goals -> goals.render()).orElse(null),
                suggestion.message().orElse(null), suggestion.source().wire());
    }
}
