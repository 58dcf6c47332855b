package org.lean3assist.model.generate;

/**
 * Where a generation's time went.
 *
 * @param prefillNanos the first forward step over the prompt, with its input preparation and sampling
 * @param decodeNanos  all later steps
 * @param decodeSteps  forward steps after the prefill (each yields one token per unfinished sequence)
 */
public record Timings(long prefillNanos, long decodeNanos, int decodeSteps) {

    public double prefillMillis() {
        return prefillNanos / 1e6;
    }

    /** Decode steps per second, i.e. new tokens per second per sequence; 0 when there was no decode step. */
    public double decodeTokensPerSecond() {
        return decodeSteps == 0 || decodeNanos == 0 ? 0 : decodeSteps / (decodeNanos / 1e9);
    }
}
