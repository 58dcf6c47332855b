package org.lean3assist.bridge.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
 */
public record BenchResult(String leanVersion, int candidates, int concurrency, long serverStartMillis,
                          long bridgeMillis, long oneShotMillis, Map<String, Integer> verdicts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchResult {
        verdicts = Map.copyOf(verdicts);
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
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A few lines for people. */
    public String toText() {
        return String.format(Locale.ROOT, "%s%n"
                        + "verify %d candidates (%d at a time):%n"
                        + "  through the bridge:       %6d ms (server start + first check %d ms, not counted)%n"
                        + "  one-shot lean --json:     %6d ms%n"
                        + "  bridge speedup:           %6.2fx%n"
                        + "  verdicts: %s",
                leanVersion, candidates, concurrency, bridgeMillis, serverStartMillis, oneShotMillis, speedup(),
                new TreeMap<>(verdicts));
    }
}
