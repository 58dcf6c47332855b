package org.lean3assist.model.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final float[] LOGITS = {1.0f, 3.0f, 2.5f, -1.0f, 2.9f};

    @Test
    void greedyTakesTheArgmaxAndTheLowestIdOnTies() {
        assertEquals(1, new GreedySampler().sample(LOGITS));
        assertEquals(0, new GreedySampler().sample(new float[] {2f, 2f}));
    }

    @Test
    void sameSeedSameTokens() {
        SeededSampler a = new SeededSampler(1.0, 0, 1.0, 99);
        SeededSampler b = new SeededSampler(1.0, 0, 1.0, 99);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.sample(LOGITS), b.sample(LOGITS));
        }
    }

    @Test
    void topKOneIsGreedy() {
        SeededSampler sampler = new SeededSampler(5.0, 1, 1.0, 3);
        for (int i = 0; i < 20; i++) {
            assertEquals(1, sampler.sample(LOGITS));
        }
    }

    @Test
    void topKLimitsTheChoice() {
        SeededSampler sampler = new SeededSampler(100.0, 2, 1.0, 3);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(sampler.sample(LOGITS));
        }
        assertEquals(Set.of(1, 4), seen);
    }

    @Test
    void tinyTopPIsGreedy() {
        SeededSampler sampler = new SeededSampler(1.0, 0, 1e-6, 3);
        for (int i = 0; i < 20; i++) {
            assertEquals(1, sampler.sample(LOGITS));
        }
    }

    @Test
    void highTemperatureReachesEveryToken() {
        SeededSampler sampler = new SeededSampler(50.0, 0, 1.0, 5);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(sampler.sample(LOGITS));
        }
        assertEquals(5, seen.size());
    }

    @Test
    void temperatureZeroMeansGreedy() {
        assertTrue(Sampler.of(0, 0, 1, 1) instanceof GreedySampler);
        assertThrows(IllegalArgumentException.class, () -> new SeededSampler(0, 0, 1, 1));
    }

    @Test
    void logProbabilityIsALogSoftmax() {
        double total = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            total += Math.exp(Generator.logProbability(LOGITS, i));
        }
        assertEquals(1.0, total, 1e-9);
    }
}
