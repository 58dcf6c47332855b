package org.lean3assist.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.testing.Recordings;

/**
 * A real editor as the client: headless Neovim starts {@code ./lean3-assist lsp}, opens a Lean file,
 * and asks for a hover. Lean is a stand-in that replays the recorded session of that file.
 */
@EnabledIf(value = "org.lean3assist.editor.NeovimIT#neovimInstalled", disabledReason = "nvim is not on the PATH (.ci/run installs it)")
class NeovimIT {

    private static final Path ROOT = Path.of(System.getProperty("lean3assist.root", "..")).toAbsolutePath().normalize();

    static boolean neovimInstalled() {
        try {
            Process probe = new ProcessBuilder("nvim", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @TempDir
    Path workspace;

    @Test
    void neovimShowsLeansGoalInAHover() throws Exception {
        Path file = workspace.resolve("basics.lean");
        Files.writeString(file, Recordings.source("basics"));
        Path leanHome = standInLean("sessions/basics.jsonl");
        Path out = workspace.resolve("nvim-out.txt");
        Path script = workspace.resolve("hover.lua");
        try (InputStream lua = NeovimIT.class.getResourceAsStream("/editor/hover.lua")) {
            Files.copy(lua, script);
        }

        var nvim = new ProcessBuilder("nvim", "--headless", "--clean", "-c", "luafile " + script)
                .directory(workspace.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workspace.resolve("nvim-log.txt").toFile());
        nvim.environment().put("LEAN3_HOME", leanHome.toString());
        nvim.environment().put("LEAN3ASSIST_LAUNCHER", ROOT.resolve("lean3-assist").toString());
        nvim.environment().put("NVIM_TEST_OUT", out.toString());
        nvim.environment().put("NVIM_TEST_FILE", file.toString());
        // Line 8 of basics.lean is `  exact hq,`: LSP line 7, on the `a` of `exact`.
        nvim.environment().put("NVIM_TEST_LINE", "7");
        nvim.environment().put("NVIM_TEST_CHARACTER", "4");
        Process process = nvim.start();
        boolean finished = process.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.exists(out) ? Files.readString(out) : "";
        assertTrue(finished, "nvim finished; it wrote: " + output);

        String goal = recordedGoal(8, 2);
        assertTrue(output.contains("DIAGNOSTICS true"), output);
        assertTrue(output.contains("HOVER ```lean\n" + goal + "\n```"), output);
        assertEquals(0, process.exitValue(), output);
    }

    @Test
    void readmesGoalPanelRecipeShowsTheFollowedPlacesGoalAndASuggestionLeanAccepted() throws Exception {
        // The stand-in of the code-server test: it answers the editing Lean and the checkers alike
        // from the recordings, by content, so the suggestions are Lean's recorded verdicts.
        Path fakeLean = ROOT.resolve("vscode-client/e2e/fake-lean");
        Path shared = ROOT.resolve("../shared/lean3").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(shared.resolve("README.md")),
                "the shared recordings are not at " + shared);
        Path file = workspace.resolve("basics.lean");
        Files.writeString(file, Recordings.source("basics"));
        Path recipe = workspace.resolve("recipe.lua");
        Files.writeString(recipe, readmeRecipe());
        Path out = workspace.resolve("nvim-out.txt");
        Path script = workspace.resolve("follow.lua");
        try (InputStream lua = NeovimIT.class.getResourceAsStream("/editor/follow.lua")) {
            Files.copy(lua, script);
        }

        var nvim = new ProcessBuilder("nvim", "--headless", "--clean", "-c", "luafile " + script)
                .directory(workspace.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workspace.resolve("nvim-log.txt").toFile());
        nvim.environment().put("LEAN3_HOME", fakeLean.toString());
        nvim.environment().put("LEAN3_RECORDINGS", shared.toString());
        nvim.environment().put("PATH", fakeLean.resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        nvim.environment().put("LEAN3ASSIST_LAUNCHER", ROOT.resolve("lean3-assist").toString());
        nvim.environment().put("NVIM_TEST_OUT", out.toString());
        nvim.environment().put("NVIM_TEST_FILE", file.toString());
        nvim.environment().put("NVIM_TEST_RECIPE", recipe.toString());
        // Line 6 of basics.lean is `  cases h with hp hq,` in and_swap_ex: LSP line 5, on its first letter.
        nvim.environment().put("NVIM_TEST_LINE", "5");
        nvim.environment().put("NVIM_TEST_CHARACTER", "2");
        Process process = nvim.start();
        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.exists(out) ? Files.readString(out) : "";
        assertTrue(finished, "nvim finished; it wrote: " + output);

        assertTrue(output.contains("DIAGNOSTICS true"), output);
        assertTrue(output.contains("VERIFIED true"), output);
        assertTrue(output.contains("FLOAT true"), "the recipe shows the reports in a floating window: " + output);
        // The goal as Lean recorded it there, line by line, then a tactic Lean accepted there.
        for (String goalLine : recordedGoal(6, 2).split("\n")) {
            assertTrue(output.contains("PANEL " + goalLine + "\n"), goalLine + " in " + output);
        }
        var accepted = output.lines().filter(line -> line.startsWith("PANEL ✓ ")).toList();
        assertTrue(!accepted.isEmpty(), output);
        for (String line : accepted) {
            String tactic = line.substring("PANEL ✓ ".length(), line.indexOf(" — "));
            String verdict = recordedVerdict(6, 2, tactic);
            assertTrue(verdict.equals("closes_goal") || verdict.equals("progress"), tactic + " was " + verdict);
        }
        assertEquals(0, process.exitValue(), output);
    }

    /** README's Neovim goal-panel recipe: the lua block after its marker, as it stands. */
    static String readmeRecipe() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int marker = readme.indexOf("<!-- neovim-follow-recipe -->");
        assertTrue(marker >= 0, "README.md has the Neovim recipe's marker");
        int start = readme.indexOf("```lua\n", marker) + "```lua\n".length();
        return readme.substring(start, readme.indexOf("\n```", start) + 1);
    }

    private static String recordedVerdict(int line, int column, String tactic) {
        for (JsonNode entry : Recordings.withVirtualWorkspace().json("replays/basics.json")) {
            if (entry.get("position").get("line").asInt() == line && entry.get("position").get("column").asInt() == column
                    && entry.get("candidate").asText().equals(tactic)) {
                return entry.get("classification").asText();
            }
        }
        return "not recorded";
    }

    /** LEAN3_HOME with a bin/lean that replays the transcript in this test's workspace. */
    private Path standInLean(String transcript) throws IOException {
        Path home = workspace.resolve("lean-home");
        Path bin = Files.createDirectories(home.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String script = "#!/bin/sh\nexec '" + java + "' -cp '" + classpath + "' " + ReplayLean.class.getName()
                + " '" + transcript + "' '" + workspace + "' \"$@\"\n";
        Path lean = bin.resolve("lean");
        Files.writeString(lean, script);
        Files.setPosixFilePermissions(lean, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static String recordedGoal(int line, int column) {
        for (JsonNode entry : Recordings.withVirtualWorkspace().json("goals/basics.json")) {
            if (entry.get("line").asInt() == line && entry.get("column").asInt() == column) {
                return entry.get("state").asText();
            }
        }
        throw new AssertionError("no recorded goal at " + line + ":" + column);
    }

    static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
