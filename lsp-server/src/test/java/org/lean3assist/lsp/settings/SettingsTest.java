package org.lean3assist.lsp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings parse(String json) {
        return Settings.fromJson(JsonParser.parseString(json));
    }

    @Test
    void nestedAndDottedFormsAreReadAlikeWithOrWithoutTheNamespace() {
        var nested = parse("{\"lean\": {\"memoryLimitMb\": 2048}, \"model\": {\"device\": \"auto\"}}");
        var dotted = parse("{\"lean.memoryLimitMb\": 2048, \"model.device\": \"auto\"}");
        var wrapped = parse("{\"lean3Assist\": {\"lean\": {\"memoryLimitMb\": 2048}, \"model\": {\"device\": \"auto\"}}}");

        assertEquals(2048, nested.get(Settings.LEAN_MEMORY_LIMIT_MB));
        assertEquals("auto", nested.get(Settings.MODEL_DEVICE));
        assertEquals(nested, dotted);
        assertEquals(nested, wrapped);
        assertEquals(List.of(), nested.problems());
    }

    @Test
    void missingValuesTakeTheirDefaults() {
        var settings = parse("{}");
        assertEquals(Settings.defaults(), settings);
        assertEquals(8, settings.get(Settings.SUGGESTIONS_COUNT));
        assertEquals(true, settings.get(Settings.SUGGESTIONS_ON_HOVER));
        assertEquals("cpu", settings.get(Settings.MODEL_DEVICE));
        assertEquals(Settings.defaults(), Settings.fromJson(null));
    }

    @Test
    void badValuesAreReportedAndReplacedByTheDefault() {
        var settings = parse("{\"lean\": {\"memoryLimitMb\": \"lots\", \"threads\": -1, \"timeout\": 1.5},"
                + " \"model\": {\"device\": \"tpu\"}, \"suggestions\": {\"onHover\": \"yes\"}}");

        assertEquals(4096, settings.get(Settings.LEAN_MEMORY_LIMIT_MB));
        assertEquals(0, settings.get(Settings.LEAN_THREADS));
        assertEquals(100000, settings.get(Settings.LEAN_TIMEOUT));
        assertEquals("cpu", settings.get(Settings.MODEL_DEVICE));
        assertEquals(true, settings.get(Settings.SUGGESTIONS_ON_HOVER));
        assertEquals(5, settings.problems().size(), settings.problems().toString());
        assertTrue(settings.problems().contains("lean3Assist.model.device must be one of [cpu, cuda, auto], not 'tpu'"),
                settings.problems().toString());
        assertTrue(settings.problems().contains("lean3Assist.lean.threads must be at least 0, not -1"),
                settings.problems().toString());
    }

    @Test
    void unknownKeysAreIgnored() {
        assertEquals(Settings.defaults(), parse("{\"someFutureSetting\": 3, \"lean\": {\"colour\": \"red\"}}"));
    }
}
