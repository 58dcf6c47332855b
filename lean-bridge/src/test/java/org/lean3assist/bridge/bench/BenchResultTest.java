package org.lean3assist.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    @Test
    void writesTheFiguresAsOneJsonObject() {
        BenchResult result = new BenchResult("Lean (version 3.51.1, Release)", 16, 2, 3969, 13867, 32770,
                Map.of("PROGRESS", 6, "CLOSES_GOAL", 9, "INVALID", 1), Optional.empty());

        assertEquals("{\"lean_version\":\"Lean (version 3.51.1, Release)\",\"candidates\":16,\"concurrency\":2,"
                + "\"server_start_ms\":3969,\"bridge_ms\":13867,\"one_shot_ms\":32770,\"speedup\":2.36,"
                + "\"verdicts\":{\"CLOSES_GOAL\":9,\"INVALID\":1,\"PROGRESS\":6}}", result.toJson());
        assertTrue(result.toText().contains("2.36x"));
        assertTrue(result.toText().contains("sandbox cost: not measured"));
    }

    @Test
    void reportsTheSandboxsCostPerReplayAgainstThePlainReplay() {
        BenchResult result = new BenchResult("Lean (version 3.51.1, Release)", 16, 2, 3969, 13867, 32770,
                Map.of("CLOSES_GOAL", 16), Optional.of(new BenchResult.SandboxCost("sandboxed (bubblewrap)", 48, 120.5, 123.25)));

        assertTrue(result.toJson().endsWith(",\"sandbox\":{\"description\":\"sandboxed (bubblewrap)\",\"replays\":48,"
                + "\"plain_median_ms\":120.5,\"sandboxed_median_ms\":123.25,\"cost_ms\":2.75,\"ratio\":1.02}}"), result.toJson());
        assertTrue(result.toText().contains("sandbox cost:                  2.75 ms a replay (1.023x)"), result.toText());
    }

    @Test
    void refusesUnknownArguments() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BridgeBench.runCommandLine(new String[] {"--fast"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(64, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: bench bridge [--json] [--lean PATH]"));
    }
}
