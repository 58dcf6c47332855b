package org.lean3assist.bench;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.text.Utf16Position;
import org.lean3assist.lsp.Lean3AssistServer;
import org.lean3assist.engine.EngineParts;

/**
 * Hover latency over LSP against the bridge's raw {@code info} query on the same file and position,
 * both on a real Lean in the same run, and the time from the first hover until the hover shows a
 * verified suggestion.
 *
 * <p>The two sides alternate, so drift on a busy machine hits both alike. The headline figures
 * are taken after a warm-up, as JMH would: the JIT compiles the LSP path (JSON-RPC framing, LSP4J's
 * Gson adapters, the tactic-site lookup) only after some thousands of calls, and in an editing
 * session the same code runs on every keystroke and cursor move. The first pairs of the fresh JVM
 * are reported beside them, so the cost of a cold server is not hidden.
 */
public final class LspBench {

    /** How many of the first warm-up pairs the fresh-JVM figures are taken from. */
    public static final int FRESH_PAIRS = 50;

    /**
     * What to measure and how often.
     *
     * @param iterations measured hover/raw pairs
     * @param warmUp     pairs run before them and not counted in the headline figures
     */
    public record Options(Path file, LeanPosition position, int iterations, int warmUp) {
        public Options {
            if (iterations < 1 || warmUp < 0) {
                throw new IllegalArgumentException("need at least 1 iteration and a warm-up of 0 or more, got "
                        + iterations + " and " + warmUp);
            }
        }
    }

    /** Medians of one series of alternating pairs, in milliseconds. */
    public record Medians(int pairs, double rawGoalMs, double hoverMs) {
        public double ratio() {
            return hoverMs / rawGoalMs;
        }

        static Medians of(List<Double> raw, List<Double> hover) {
            return new Medians(raw.size(), median(raw), median(hover));
        }

        Map<String, Object> toJson() {
            var json = new LinkedHashMap<String, Object>();
            json.put("pairs", pairs);
            json.put("raw_goal_median_ms", round(rawGoalMs));
            json.put("hover_median_ms", round(hoverMs));
            json.put("hover_to_raw_ratio", round(ratio()));
            return json;
        }
    }

    /**
     * The figures of one run; times in milliseconds.
     *
     * @param warm  the headline: the measured pairs after the warm-up
     * @param fresh the first {@link #FRESH_PAIRS} warm-up pairs of the fresh JVM (empty without warm-up)
     */
    public record Result(String file, int line, int column, int warmUpPairs, Medians warm, Optional<Medians> fresh,
                         double checkersReadyMs, double firstVerifiedSuggestionMs, String firstSuggestion,
                         double allCandidatesJudgedMs) {

        public Map<String, Object> toJson() {
            var json = new LinkedHashMap<String, Object>();
            json.put("file", file);
            json.put("line", line);
            json.put("column", column);
            json.put("iterations", warm.pairs());
            json.put("warm_up_pairs", warmUpPairs);
            json.put("raw_goal_median_ms", round(warm.rawGoalMs()));
            json.put("hover_median_ms", round(warm.hoverMs()));
            json.put("hover_to_raw_ratio", round(warm.ratio()));
            json.put("hover_to_raw_ratio_goal", 1.2);
            json.put("fresh_jvm", fresh.map(Medians::toJson).orElse(null));
            json.put("checkers_ready_ms", round(checkersReadyMs));
            json.put("first_verified_suggestion_ms", round(firstVerifiedSuggestionMs));
            json.put("first_suggestion", firstSuggestion);
            json.put("all_candidates_judged_ms", round(allCandidatesJudgedMs));
            return json;
        }

        @Override
        public String toString() {
            String freshLine = fresh.map(medians -> String.format(
                    "%n  fresh JVM, first %d pairs:     raw %.2f ms, hover %.2f ms, hover / raw %.2f",
                    medians.pairs(), medians.rawGoalMs(), medians.hoverMs(), medians.ratio())).orElse("");
            return String.format("""
                    bench lsp: %s:%d:%d, the same real Lean for both sides, alternating
                      after %d warm-up pairs, %d pairs:
                      raw goal query (bridge info):  median %.2f ms
                      hover over LSP (goal only):    median %.2f ms
                      hover / raw:                   %.2f  (goal: at most 1.2)%s
                      checkers ready:                %.0f ms after the file was opened (its imports loaded)
                      first verified suggestion:     %.0f ms after the first hover (%s)
                      every candidate judged:        %.0f ms after the first hover""",
                    file, line, column, warmUpPairs, warm.pairs(), warm.rawGoalMs(), warm.hoverMs(), warm.ratio(),
                    freshLine, checkersReadyMs, firstVerifiedSuggestionMs, firstSuggestion, allCandidatesJudgedMs);
        }
    }

    private LspBench() {}

    public static Result run(Options options) throws Exception {
        Path file = options.file().toAbsolutePath();
        String text = Files.readString(file);
        Utf16Position utf16 = new PositionConverter(text).toUtf16(options.position());
        Position position = new Position(utf16.line(), utf16.character());
        String uri = file.toUri().toString();
        var languageServer = new Lean3AssistServer(code -> { }, EngineParts.product());
        try (var client = new InProcessClient(languageServer)) {
            var initialize = new InitializeParams();
            initialize.setCapabilities(new ClientCapabilities());
            client.server.initialize(initialize).get(60, TimeUnit.SECONDS);
            client.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"suggestions\": {\"onHover\": false}}")));
            long opened = System.nanoTime();
            client.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "lean", 1, text)));
            // The engine warms the checkers with the file's imports when it opens it; asked again
            // while that runs, the pool gives the same warm-up, whose end is when they are ready.
            var checkersReady = languageServer.engine().project(file).checkers().warm(file.toString(), text)
                    .handle((done, failed) -> System.nanoTime());
            waitUntil(() -> client.hasDiagnostics(uri), 300);
            var params = new HoverParams(new TextDocumentIdentifier(uri), position);
            // The baseline: the bridge's own goal query, to the very Lean process the hover uses.
            var bridge = languageServer.engine().project(file).server();
            if (client.server.getTextDocumentService().hover(params).get(60, TimeUnit.SECONDS) == null) {
                throw new IllegalArgumentException("no goal to hover at " + options.file() + ":" + options.position()
                        + "; pick a position inside a begin ... end block");
            }

            List<Double> raw = new ArrayList<>();
            List<Double> hover = new ArrayList<>();
            Optional<Medians> fresh = Optional.empty();
            for (int run = 0; run < options.warmUp() + options.iterations(); run++) {
                if (run == options.warmUp()) {
                    raw.clear();
                    hover.clear();
                }
                long start = System.nanoTime();
                bridge.goalAt(file, options.position()).get(60, TimeUnit.SECONDS);
                long middle = System.nanoTime();
                client.server.getTextDocumentService().hover(params).get(60, TimeUnit.SECONDS);
                long end = System.nanoTime();
                raw.add((middle - start) / 1e6);
                hover.add((end - middle) / 1e6);
                if (run + 1 == Math.min(FRESH_PAIRS, options.warmUp())) {
                    fresh = Optional.of(Medians.of(raw, hover));
                }
            }
            Medians warm = Medians.of(raw, hover);

            // Suggestions are measured as a user meets them: with the checkers ready.
            double checkersReadyMs = (checkersReady.get(10, TimeUnit.MINUTES) - opened) / 1e6;
            client.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"suggestions\": {\"onHover\": true}}")));
            long start = System.nanoTime();
            // The first verified tactic shows up as a list item, whether or not other candidates still replay.
            String markdown = hoverUntil(client, params, start,
                    shown -> shown.lines().anyMatch(line -> line.startsWith("- `")) || shown.contains("none of"));
            double firstSuggestion = (System.nanoTime() - start) / 1e6;
            String suggestion = markdown.lines().filter(line -> line.startsWith("- `")).findFirst()
                    .map(line -> line.substring(2)).orElse("none");
            // Every candidate judged: the hover's list is final.
            hoverUntil(client, params, start, shown -> shown.contains("(checked by Lean)") || shown.contains("none of"));
            double allJudged = (System.nanoTime() - start) / 1e6;
            return new Result(options.file().toString(), options.position().line(), options.position().column(),
                    options.warmUp(), warm, fresh, checkersReadyMs, firstSuggestion, suggestion, allJudged);
        }
    }

    /** Hovers every 5 ms until the Markdown satisfies {@code done}; returns that Markdown. */
    private static String hoverUntil(InProcessClient client, HoverParams params, long start,
                                     java.util.function.Predicate<String> done) throws Exception {
        while (true) {
            var answer = client.server.getTextDocumentService().hover(params).get(60, TimeUnit.SECONDS);
            String markdown = answer == null ? "" : answer.getContents().getRight().getValue();
            if (done.test(markdown)) {
                return markdown;
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("the suggestions did not come within 10 minutes; the hover shows: " + markdown);
            }
            Thread.sleep(5);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Lean did not finish checking within " + seconds + " s");
            }
            Thread.sleep(10);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
