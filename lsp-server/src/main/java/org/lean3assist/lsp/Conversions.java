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

    /** The "Suggestions" section of a hover: verified tactics only, each with what it does. */
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
