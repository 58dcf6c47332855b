package org.lean3assist.lsp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The VS Code extension's package.json mirrors the server's settings tree: same keys, types and defaults. */
class PackageJsonAgreementTest {

    /** Settings that only the editor side reads (how to start Java), never the server. */
    private static final List<String> CLIENT_ONLY = List.of("lean3Assist.java.home", "lean3Assist.panel.openOnStart");

    private static JsonNode packageJsonSettings() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(Path.of("..", "vscode-client", "package.json").toFile());
        return manifest.at("/contributes/configuration/properties");
    }

    @Test
    void everyServerSettingIsContributedWithTheSameTypeDefaultAndChoices() throws IOException {
        JsonNode contributed = packageJsonSettings();
        Map<String, String> mismatches = new TreeMap<>();
        for (Setting<?> setting : Settings.ALL) {
            JsonNode entry = contributed.get(setting.qualifiedKey());
            if (entry == null) {
                mismatches.put(setting.qualifiedKey(), "missing from package.json");
                continue;
            }
            String expected = setting.type() + " " + setting.defaultValue() + " " + setting.allowed();
            List<String> choices = new ArrayList<>();
            entry.path("enum").forEach(choice -> choices.add(choice.asText()));
            String actual = entry.path("type").asText() + " " + entry.path("default").asText() + " " + choices;
            if (!expected.equals(actual)) {
                mismatches.put(setting.qualifiedKey(), "server: " + expected + ", package.json: " + actual);
            }
        }
        assertEquals(Map.of(), mismatches);
    }

    @Test
    void packageJsonContributesNoSettingTheServerDoesNotKnow() throws IOException {
        var unknown = new TreeSet<String>();
        packageJsonSettings().fieldNames().forEachRemaining(unknown::add);
        Settings.ALL.forEach(setting -> unknown.remove(setting.qualifiedKey()));
        CLIENT_ONLY.forEach(unknown::remove);
        assertEquals(new TreeSet<String>(), unknown);
    }
}
