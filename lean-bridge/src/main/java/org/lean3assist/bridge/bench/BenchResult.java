package org.lean3assist.bridge.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The benchmark's figures, from one run.
 *
 * @param leanVersion       the first line of {@code lean --version}
 * @param candidates        how many candidates each side checked
 * @param concurrency       how many checks ran at once on each side
 * @param serverStartMillis starting the server and checking the original file once (not part of the ratio)
 * @param bridgeMillis      verifying every candidate through the running server
 * @param oneShotMillis     running {@code lean --json} once per variant file
 * @param verdicts          how many candidates got each verdict through the bridge
 * @param sandbox           the sandbox's cost per replay, where it could be measured
 */
public record BenchResult(String leanVersion, int candidates, int concurrency, long serverStartMillis,
                          long bridgeMillis, long oneShotMillis, Map<String, Integer> verdicts,
                          Optional<SandboxCost> sandbox) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchResult {
        verdicts = Map.copyOf(verdicts);
    }

    /**
     * One replay's wall time on a warm checker, with and without the sandbox, the same candidates
     * in turn on both in the same run.
     *
     * @param description      the sandbox, as status displays name it
     * @param replays          how many replays each side's median is taken over
     * @param plainMillis      the median replay, unsandboxed checker
     * @param sandboxedMillis  the median replay, sandboxed checker
     */
    public record SandboxCost(String description, int replays, double plainMillis, double sandboxedMillis) {

        /** What the sandbox adds to the median replay. */
        public double costMillis() {
            return sandboxedMillis - plainMillis;
        }

        /** Sandboxed over plain. */
        public double ratio() {
            return plainMillis == 0 ? Double.POSITIVE_INFINITY : sandboxedMillis / plainMillis;
        }
    }

    /** How many times faster the bridge is: one-shot time divided by bridge time. */
    public double speedup() {
        return bridgeMillis == 0 ? Double.POSITIVE_INFINITY : (double) oneShotMillis / bridgeMillis;
    }

    /** The same figures as one JSON object. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lean_version", leanVersion);
        json.put("candidates", candidates);
        json.put("concurrency", concurrency);
        json.put("server_start_ms", serverStartMillis);
        json.put("bridge_ms", bridgeMillis);
        json.put("one_shot_ms", oneShotMillis);
        json.put("speedup", Math.round(speedup() * 100) / 100.0);
        json.put("verdicts", new TreeMap<>(verdicts));
        sandbox.ifPresent(cost -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("description", cost.description());
            figures.put("replays", cost.replays());
            figures.put("plain_median_ms", round(cost.plainMillis()));
            figures.put("sandboxed_median_ms", round(cost.sandboxedMillis()));
            figures.put("cost_ms", round(cost.costMillis()));
            figures.put("ratio", round(cost.ratio()));
            json.put("sandbox", figures);
        });
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A few lines for people. */
    public String toText() {
        String sandboxLines = sandbox.map(cost -> String.format(Locale.ROOT, "%n"
                        + "one replay on a warm checker, median of %d:%n"
                        + "  unsandboxed:              %9.2f ms%n"
                        + "  sandboxed:                %9.2f ms (%s)%n"
                        + "  sandbox cost:             %9.2f ms a replay (%.3fx)",
                cost.replays(), cost.plainMillis(), cost.sandboxedMillis(), cost.description(), cost.costMillis(),
                cost.ratio())).orElse(String.format("%nsandbox cost: not measured (no working bubblewrap here)"));
        return String.format(Locale.ROOT, "%s%n"
                        + "verify %d candidates (%d at a time):%n"
                        + "  through the bridge:       %6d ms (server start + first check %d ms, not counted)%n"
                        + "  one-shot lean --json:     %6d ms%n"
                        + "  bridge speedup:           %6.2fx%n"
                        + "  verdicts: %s",
                leanVersion, candidates, concurrency, bridgeMillis, serverStartMillis, oneShotMillis, speedup(),
                new TreeMap<>(verdicts)) + sandboxLines;
    }
}
