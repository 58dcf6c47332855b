package org.lean3assist.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.text.TacticBlock;
import org.lean3assist.bridge.text.TacticBlocks;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.Documents.Snapshot;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.LeanProject;
import org.lean3assist.engine.prove.ProofSearch;
import org.lean3assist.engine.prove.Step;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * {@code bench search}: the proof search on every theorem of a file or directory whose proof has
 * a {@code sorry} in a {@code begin … end} block (the first one of each block), against two
 * baselines in the same run on the same Leans: the best single tactic of the search portfolio
 * (every portfolio step replayed once at the sorry, and the one that closes most goals counted),
 * and mathlib's {@code tidy} as one tactic where the file's environment has it. The per-expansion
 * cost is set against a one-shot {@code lean FILE} run of a found proof.
 */
public final class SearchBench {

    /** One theorem's result. */
    public record Theorem(String file, String name, int line, boolean proved, Optional<String> proof, long searchMillis,
                          int expansions, int replays, List<String> singleTacticsClosing, Optional<Boolean> tidyClosed,
                          String stop, String checking) {

        /** As plain JSON values: absent optionals are nulls. */
        public Map<String, Object> toJson() {
            var json = new LinkedHashMap<String, Object>();
            json.put("file", file);
            json.put("name", name);
            json.put("line", line);
            json.put("proved", proved);
            json.put("proof", proof.orElse(null));
            json.put("searchMs", searchMillis);
            json.put("expansions", expansions);
            json.put("replays", replays);
            json.put("singleTacticsClosing", singleTacticsClosing);
            json.put("tidyClosed", tidyClosed.orElse(null));
            json.put("stop", stop);
            json.put("checking", checking);
            return json;
        }
    }

    /** The whole run. */
    public record Result(List<Theorem> theorems, Map<String, Integer> closedBySingleTactic, long oneShotLeanMillis,
                         int oneShotRuns, int notAttempted) {

        public int solved() {
            return (int) theorems.stream().filter(Theorem::proved).count();
        }

        public Optional<Map.Entry<String, Integer>> bestSingle() {
            return closedBySingleTactic.entrySet().stream().max(Map.Entry.comparingByValue());
        }

        public int tidySolved() {
            return (int) theorems.stream().filter(theorem -> theorem.tidyClosed().orElse(false)).count();
        }

        public long percentileMillis(double percentile) {
            List<Long> times = theorems.stream().map(Theorem::searchMillis).sorted().toList();
            if (times.isEmpty()) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * times.size()) - 1;
            return times.get(Math.max(0, Math.min(times.size() - 1, index)));
        }

        public double millisPerReplay() {
            long millis = theorems.stream().mapToLong(Theorem::searchMillis).sum();
            long replays = theorems.stream().mapToLong(Theorem::replays).sum();
            return replays == 0 ? 0 : (double) millis / replays;
        }

        public double millisPerExpansion() {
            long millis = theorems.stream().mapToLong(Theorem::searchMillis).sum();
            long expansions = theorems.stream().mapToLong(Theorem::expansions).sum();
            return expansions == 0 ? 0 : (double) millis / expansions;
        }

        public String toText() {
            int attempted = theorems.size();
            StringBuilder text = new StringBuilder();
            text.append(String.format("search: solved %d / %d (%.1f%%)%n", solved(), attempted, percent(solved(), attempted)));
            if (notAttempted > 0) {
                text.append(String.format("  not attempted: %d theorems whose proof has no sorry (--reprove attempts them"
                        + " with the proof replaced by sorry)%n", notAttempted));
            }
            text.append(String.format("  time per theorem: median %.1f s, 90th percentile %.1f s%n",
                    percentileMillis(50) / 1000.0, percentileMillis(90) / 1000.0));
            bestSingle().ifPresentOrElse(best -> text.append(String.format(
                    "baseline, best single portfolio tactic: %s closes %d / %d (%.1f%%)%n", best.getKey(), best.getValue(),
                    attempted, percent(best.getValue(), attempted))),
                    () -> text.append("baseline, best single portfolio tactic: none closes any\n"));
            long tidyTried = theorems.stream().filter(theorem -> theorem.tidyClosed().isPresent()).count();
            text.append(tidyTried == 0 ? "baseline, tidy: not in this environment\n" : String.format(
                    "baseline, tidy as one tactic: %d / %d (%.1f%%)%n", tidySolved(), attempted, percent(tidySolved(), attempted)));
            String checking = String.join(" and ", theorems.stream().map(Theorem::checking).distinct().toList());
            text.append(String.format("cost (steps checked by %s): %.0f ms per expansion, %.0f ms per step",
                    checking.isEmpty() ? "nothing" : checking, millisPerExpansion(), millisPerReplay()));
            if (oneShotRuns > 0) {
                double oneShot = (double) oneShotLeanMillis / oneShotRuns;
                text.append(String.format("; a one-shot 'lean FILE' of a found proof: %.0f ms (%.1fx a step)", oneShot,
                        millisPerReplay() == 0 ? 0 : oneShot / millisPerReplay()));
            }
            return text.append('\n').toString();
        }

        public Map<String, Object> toJson() {
            var json = new LinkedHashMap<String, Object>();
            json.put("attempted", theorems.size());
            json.put("notAttempted", notAttempted);
            json.put("solved", solved());
            json.put("medianMs", percentileMillis(50));
            json.put("p90Ms", percentileMillis(90));
            json.put("bestSingleTactic", bestSingle().map(Map.Entry::getKey).orElse(null));
            json.put("bestSingleTacticSolved", bestSingle().map(Map.Entry::getValue).orElse(0));
            json.put("tidySolved", tidySolved());
            json.put("msPerExpansion", millisPerExpansion());
            json.put("msPerReplay", millisPerReplay());
            json.put("oneShotLeanMs", oneShotRuns == 0 ? null : (double) oneShotLeanMillis / oneShotRuns);
            json.put("theorems", theorems.stream().map(Theorem::toJson).toList());
            return json;
        }

        private static double percent(int part, int whole) {
            return whole == 0 ? 0 : 100.0 * part / whole;
        }
    }

    /** Where a theorem's first sorry is. */
    record Target(String name, LeanPosition sorry) {}

    /**
     * A declaration's proof block, {@code := begin … end} at the top level of a theorem, lemma or example.
     *
     * @param contentStart the offset just after {@code begin}
     * @param contentEnd   the offset of {@code end}
     * @param hasSorry     whether a {@code sorry} is written inside it
     */
    record ProofBlock(int contentStart, int contentEnd, boolean hasSorry) {}

    private static final java.util.Set<String> PROVED_DECLARATIONS = java.util.Set.of("theorem", "lemma", "example");

    /** The proof blocks of a text: each {@code begin … end} right after the {@code :=} of a theorem, lemma or example. */
    static List<ProofBlock> proofBlocks(String text) {
        List<LeanToken> tokens = LeanScanner.scan(text);
        List<ProofBlock> blocks = new ArrayList<>();
        java.util.Deque<Integer> openers = new java.util.ArrayDeque<>();
        String declaration = "";
        int sorries = 0;
        for (int index = 0; index < tokens.size(); index++) {
            LeanToken token = tokens.get(index);
            if (token.kind() != LeanToken.Kind.IDENTIFIER) {
                continue;
            }
            if (beginsOpen(tokens, openers) == 0 && TacticBlocks.DECLARATION_COMMANDS.contains(token.text())) {
                declaration = token.text();
            } else if (token.text().equals("sorry")) {
                sorries++;
            }
            if (TacticBlocks.OPENERS_CLOSED_BY_END.contains(token.text())) {
                // The sorries counted so far belong to what came before; a block counts only its own.
                openers.push(index);
                if (token.text().equals("begin") && beginsOpen(tokens, openers) == 1) {
                    sorries = 0;
                }
            } else if (token.text().equals("end") && !openers.isEmpty()) {
                int opener = openers.pop();
                LeanToken begin = tokens.get(opener);
                if (begin.text().equals("begin") && beginsOpen(tokens, openers) == 0 && opener > 0
                        && tokens.get(opener - 1).text().equals(":=") && PROVED_DECLARATIONS.contains(declaration)) {
                    blocks.add(new ProofBlock(begin.end(), token.start(), sorries > 0));
                }
            }
        }
        return blocks;
    }

    /** How many of the open blocks are {@code begin} blocks (a namespace or section may be open around them). */
    private static long beginsOpen(List<LeanToken> tokens, java.util.Deque<Integer> openers) {
        return openers.stream().filter(index -> tokens.get(index).text().equals("begin")).count();
    }

    /** How many theorems of a text have a proof block with no {@code sorry} in it: the bench does not attempt those. */
    static int provedInText(String text) {
        return (int) proofBlocks(text).stream().filter(block -> !block.hasSorry()).count();
    }

    /**
     * The text with every theorem's proof block emptied to {@code begin sorry end}, so that a
     * benchmark file that comes with some proofs (miniF2F's valid.lean does) is attempted whole.
     * Only the search sees the result; the file itself is not written.
     */
    static String withProofsAsSorry(String text) {
        StringBuilder rewritten = new StringBuilder(text);
        List<ProofBlock> blocks = proofBlocks(text);
        for (int at = blocks.size() - 1; at >= 0; at--) {
            ProofBlock block = blocks.get(at);
            rewritten.replace(block.contentStart(), block.contentEnd(), "\n  sorry\n");
        }
        return rewritten.toString();
    }

    private SearchBench() {}

    /** The {@code .lean} files under {@code path}, or the file itself, in name order. */
    public static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(file -> file.toString().endsWith(".lean") && Files.isRegularFile(file)).sorted().toList();
        }
    }

    /** The first {@code sorry} of each {@code begin … end} block of a text, with its declaration's name. */
    static List<Target> targets(String text) {
        List<LeanToken> tokens = LeanScanner.scan(text);
        PositionConverter converter = new PositionConverter(text);
        List<Target> targets = new ArrayList<>();
        List<LeanPosition> blocksSeen = new ArrayList<>();
        for (LeanToken token : tokens) {
            if (token.kind() != LeanToken.Kind.IDENTIFIER || !token.text().equals("sorry")) {
                continue;
            }
            LeanPosition at = converter.positionAt(token.start());
            Optional<TacticBlock> block = TacticBlocks.enclosing(tokens, converter, at);
            if (block.isPresent() && !blocksSeen.contains(block.get().begin())) {
                blocksSeen.add(block.get().begin());
                targets.add(new Target(block.get().declarationName(), at));
            }
        }
        return targets;
    }

    /**
     * Runs the search and the baselines on every target of {@code files}, telling {@code log} a line per theorem.
     *
     * @param lean  the Lean executable, for the one-shot runs of found proofs (at most {@code oneShots})
     * @param skip  the targets to pass over first, in file order ({@link #inShard}), so that a set too large for one
     *              run is measured in pieces by the same selection
     * @param limit the most targets to take after those, 0 for all
     * @param reprove attempt every theorem, its proof block replaced by {@code sorry} ({@link #withProofsAsSorry});
     *                otherwise only the sorries written in the files, and the theorems with a proof are counted
     */
    public static Result run(Engine engine, List<Path> files, ProofSearch.Budget budget, Optional<Path> lean, int oneShots,
                             int skip, int limit, boolean reprove, PrintWriter log) throws Exception {
        List<Theorem> theorems = new ArrayList<>();
        Map<String, Integer> closedBySingle = new LinkedHashMap<>();
        long oneShotMillis = 0;
        int oneShotRuns = 0;
        int notAttempted = 0;
        int index = 0;
        for (Path file : files) {
            Path absolute = file.toAbsolutePath();
            String written = Files.readString(absolute);
            String text = reprove ? withProofsAsSorry(written) : written;
            notAttempted += reprove || skip > 0 ? 0 : provedInText(written); // counted once, by the first piece
            List<Target> targets = new ArrayList<>();
            for (Target target : targets(text)) {
                if (inShard(index++, skip, limit)) {
                    targets.add(target);
                }
            }
            if (targets.isEmpty()) {
                continue;
            }
            Snapshot document = engine.open(absolute.toUri().toString(), 1, text);
            LeanProject project = engine.project(absolute);
            engine.check(project, document).get(30, TimeUnit.MINUTES);
            for (Target target : targets) {
                Optional<Engine.Place> place = engine.place(project, document, target.sorry());
                Optional<GoalAtPosition> goal = place.isEmpty() ? Optional.empty()
                        : engine.goalAt(place.get()).get(Engine.GOAL_WAIT.toSeconds() + 5, TimeUnit.SECONDS);
                Optional<GoalState> state = goal.flatMap(GoalAtPosition::goals).filter(goals -> !goals.isSolved());
                if (state.isEmpty()) {
                    log.printf("%s: no goal Lean could tell at %s; skipped%n", target.name(), target.sorry());
                    log.flush();
                    continue;
                }
                List<String> single = engine.portfolioSteps(place.get(), state.get()).stream().map(Step::tactic).toList();
                List<String> closing = engine.closingAlone(place.get(), single);
                closing.forEach(tactic -> closedBySingle.merge(tactic, 1, Integer::sum));
                Optional<Boolean> tidy = single.contains("tidy") ? Optional.of(closing.contains("tidy")) : Optional.empty();
                long started = System.nanoTime();
                ProofSearch.Outcome outcome = engine.prove(place.get(), state.get(), budget, Cancellation.NEVER, p -> { });
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                Theorem theorem = new Theorem(file.toString(), target.name(), target.sorry().line(),
                        outcome.proof().isPresent(), outcome.proof().map(ProofSearch.Proof::text), millis,
                        outcome.figures().expansions(), outcome.figures().replays(), closing, tidy, outcome.stop().wire(),
                        outcome.figures().checking());
                theorems.add(theorem);
                log.printf("%s: %s in %.1f s (%d expansions, %d steps by %s; single tactics closing: %s)%s%n",
                        target.name(), theorem.proved() ? "proved" : "not proved, " + theorem.stop(), millis / 1000.0,
                        theorem.expansions(), theorem.replays(), theorem.checking(), closing,
                        theorem.proof().map(proof -> ": " + proof).orElse(""));
                log.flush();
                if (theorem.proved() && lean.isPresent() && oneShotRuns < oneShots) {
                    oneShotMillis += oneShot(lean.get(), absolute, text, target, theorem.proof().get());
                    oneShotRuns++;
                }
            }
            engine.close(document.uri());
        }
        return new Result(List.copyOf(theorems), closedBySingle, oneShotMillis, oneShotRuns, notAttempted);
    }

    /**
     * Whether the target at {@code index} (counted from 0 over all files, in order, whether Lean then tells a goal
     * there or not) is taken: the selection depends on the texts only, so pieces {@code --skip 0 --limit 90} and
     * {@code --skip 90} of one set are disjoint and cover it.
     */
    static boolean inShard(int index, int skip, int limit) {
        return index >= skip && (limit <= 0 || index < skip + limit);
    }

    /** The time of one {@code lean FILE} run of the text with the proof in place of the sorry, beside the source. */
    private static long oneShot(Path lean, Path source, String text, Target target, String proof) throws Exception {
        PositionConverter converter = new PositionConverter(text);
        int offset = converter.offsetOf(target.sorry());
        String replaced = text.substring(0, offset) + proof + text.substring(offset + "sorry".length());
        Path scratch = source.resolveSibling(".lean3assist-bench-oneshot.lean");
        Files.writeString(scratch, replaced);
        try {
            long started = System.nanoTime();
            Process process = new ProcessBuilder(lean.toString(), scratch.toString()).directory(source.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            return Duration.ofNanos(System.nanoTime() - started).toMillis();
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
