package org.lean3assist.model.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's figures, all from one run.
 *
 * @param model                 the model directory's name
 * @param device                where it ran ({@code cpu} or {@code cuda})
 * @param promptTokens          prompt length
 * @param newTokens             tokens generated per run
 * @param loadMillis            loading model and tokenizer
 * @param prefillMillis         the first forward step over the prompt, in our loop
 * @param decodeTokensPerSecond new tokens per second after the prefill, in our loop
 * @param loopMillis            our loop (cache, greedy sampling, stop checks, streaming decode) for all new tokens
 * @param bareMillis            bare {@code OrtSession.run} calls on the same token ids, cache fed back, nothing else
 * @param overheadPercent       {@code (loop - bare) / bare}, in percent; the goal is at most 5
 * @param noCacheMillis         the same generation recomputing the whole prefix every step
 * @param cacheSpeedup          {@code noCache / loop}; the goal is at least 5 at 128 new tokens
 */
public record BenchResult(String model, String device, int promptTokens, int newTokens, double loadMillis,
                          double prefillMillis, double decodeTokensPerSecond, double loopMillis, double bareMillis,
                          double overheadPercent, double noCacheMillis, double cacheSpeedup) {

    public static final double OVERHEAD_GOAL_PERCENT = 5.0;
    public static final double CACHE_SPEEDUP_GOAL = 5.0;

    public boolean overheadGoalMet() {
        return overheadPercent <= OVERHEAD_GOAL_PERCENT;
    }

    public boolean cacheSpeedupGoalMet() {
        return cacheSpeedup >= CACHE_SPEEDUP_GOAL;
    }

    /** One JSON object with every figure and the two goal checks. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("model", model);
        fields.put("device", device);
        fields.put("promptTokens", promptTokens);
        fields.put("newTokens", newTokens);
        fields.put("loadMs", round(loadMillis));
        fields.put("prefillMs", round(prefillMillis));
        fields.put("decodeTokensPerSecond", round(decodeTokensPerSecond));
        fields.put("loopMs", round(loopMillis));
        fields.put("bareOrtMs", round(bareMillis));
        fields.put("overheadPercent", round(overheadPercent));
        fields.put("overheadGoalMet", overheadGoalMet());
        fields.put("noCacheMs", round(noCacheMillis));
        fields.put("cacheSpeedup", round(cacheSpeedup));
        fields.put("cacheSpeedupGoalMet", cacheSpeedupGoalMet());
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, """
                model bench: %s on %s, %d prompt tokens, %d new tokens
                  load                 %10.1f ms
                  prefill              %10.1f ms
                  decode               %10.1f tokens/s
                  our loop             %10.1f ms
                  bare OrtSession.run  %10.1f ms
                  loop overhead        %10.1f %%   (goal <= %.0f %%: %s)
                  without KV cache     %10.1f ms
                  KV cache speed-up    %10.1f x   (goal >= %.0f x: %s)
                """, model, device, promptTokens, newTokens, loadMillis, prefillMillis, decodeTokensPerSecond,
                loopMillis, bareMillis, overheadPercent, OVERHEAD_GOAL_PERCENT, overheadGoalMet() ? "met" : "NOT met",
                noCacheMillis, cacheSpeedup, CACHE_SPEEDUP_GOAL, cacheSpeedupGoalMet() ? "met" : "NOT met");
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
