package org.lean3assist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lean3assist.engine.Version;

class MainTest {

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    @Test
    void helpListsTheSubcommands() {
        var outcome = run("--help");
        assertEquals(0, outcome.exitCode());
        assertTrue(outcome.out().contains("lsp"), outcome.out());
        assertTrue(outcome.out().contains("Usage: lean3-assist"), outcome.out());
    }

    @Test
    void versionPrintsTheProductVersion() {
        var outcome = run("--version");
        assertEquals(0, outcome.exitCode());
        assertTrue(outcome.out().startsWith("lean3-assist " + Version.current()), outcome.out());
    }

    @Test
    void unknownSubcommandPrintsUsageAndExitsWithTwo() {
        var outcome = run("frobnicate");
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("Unmatched argument"), outcome.err());
        assertTrue(outcome.err().contains("Usage: lean3-assist"), outcome.err());
    }

    @Test
    void aSandboxModeThatIsNotOneOfTheThreeIsAUsageError() {
        for (String command : new String[] {"suggest", "verify", "formalize", "check", "goal"}) {
            var outcome = command.equals("verify") ? run(command, "--sandbox", "maybe", "x.lean:1:0", "simp")
                    : command.equals("formalize") ? run(command, "--sandbox", "maybe", "every n is n")
                    : command.equals("check") ? run(command, "--sandbox", "maybe", "x.lean")
                    : run(command, "--sandbox", "maybe", "x.lean:1:0");
            assertEquals(2, outcome.exitCode(), command + ": " + outcome.err());
            assertTrue(outcome.err().contains("'maybe' is not a sandbox mode: use auto, required, off"), outcome.err());
        }
    }

    @Test
    void theOneShotCommandsDocumentTheSandboxOption() {
        var outcome = run("verify", "--help");
        assertEquals(0, outcome.exitCode());
        assertTrue(outcome.out().contains("--sandbox=auto|required|off"), outcome.out());
    }

    @Test
    void noSubcommandIsAUsageError() {
        var outcome = run();
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("Commands:"), outcome.err());
    }
}
