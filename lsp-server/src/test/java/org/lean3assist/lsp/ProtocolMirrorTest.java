package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lean3assist.lsp.settings.Setting;
import org.lean3assist.lsp.settings.Settings;

/**
 * Every name the server sends or takes is spelt the same in {@code vscode-client/src/protocol.ts}:
 * the lists of enumerated values, the commands, the custom methods and the settings keys. The
 * TypeScript is read as text (its string literals and {@code ${NAMESPACE}} templates), so a name
 * added on one side only fails here.
 */
class ProtocolMirrorTest {

    private static final Path PROTOCOL_TS = Path.of("..", "vscode-client", "src", "protocol.ts");
    private static final Pattern LITERAL = Pattern.compile("'([^']*)'|`([^`]*)`");

    static Stream<Arguments> mirroredLists() {
        return Stream.of(
                Arguments.of("LEAN_STATES", Protocol.LEAN_STATES),
                Arguments.of("MODEL_STATES", Protocol.MODEL_STATES),
                Arguments.of("TACTIC_STATUSES", Protocol.TACTIC_STATUSES),
                Arguments.of("SUGGESTION_SOURCES", Protocol.SUGGESTION_SOURCES),
                Arguments.of("FORMALIZED_STATUSES", Protocol.FORMALIZED_STATUSES),
                Arguments.of("SANDBOX_MODES", Protocol.SANDBOX_MODES),
                Arguments.of("SEARCH_STOPS", Protocol.SEARCH_STOPS),
                Arguments.of("FOLLOW_PHASES", Protocol.FOLLOW_PHASES),
                Arguments.of("SOLVE_MODES", Protocol.SOLVE_MODES),
                Arguments.of("ANSWER_STATUSES", Protocol.ANSWER_STATUSES),
                Arguments.of("CLAIM_VERDICTS", Protocol.CLAIM_VERDICTS),
                Arguments.of("REWARDS", Protocol.REWARDS),
                Arguments.of("ServerCommands", Protocol.COMMANDS),
                Arguments.of("Settings", settingsKeys()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mirroredLists")
    void theTypeScriptListIsTheServersList(String name, List<String> server) throws IOException {
        List<String> client = exported(name);
        // Settings are keys of an object, whose order means nothing; the lists keep the server's order.
        assertEquals(server, name.equals("Settings") ? client.stream().sorted().toList() : client, "protocol.ts's " + name);
    }

    @org.junit.jupiter.api.Test
    void theCustomMethodsAreSpeltAlike() throws IOException {
        assertEquals(List.of(Protocol.PLAIN_GOAL), exported("PLAIN_GOAL_METHOD"));
        assertEquals(List.of(Protocol.STATUS), exported("STATUS_METHOD"));
        assertEquals(List.of(Protocol.FOLLOW), exported("FOLLOW_METHOD"));
        assertEquals(List.of(Protocol.SUGGESTIONS), exported("SUGGESTIONS_METHOD"));
        assertEquals(List.of(Protocol.STOP_SEARCH), exported("STOP_SEARCH_METHOD"));
    }

    /** The server's settings keys and the ones only the client reads, sorted. */
    private static List<String> settingsKeys() {
        List<String> keys = new ArrayList<>();
        keys.add(Settings.NAMESPACE + ".java.home");
        keys.add(Settings.NAMESPACE + ".panel.openOnStart");
        Settings.ALL.stream().map(Setting::qualifiedKey).forEach(keys::add);
        return keys.stream().sorted().toList();
    }

    /**
     * The string values of {@code export const NAME = ...;} in protocol.ts, in order: an array's
     * elements, an object's values, or a single string.
     */
    private static List<String> exported(String name) throws IOException {
        String source = Files.readString(PROTOCOL_TS);
        Matcher declaration = Pattern.compile("export const " + Pattern.quote(name) + "\\s*=\\s*(.*?);\\s*\\n",
                Pattern.DOTALL).matcher(source);
        assertTrue(declaration.find(), "protocol.ts exports " + name);
        String body = declaration.group(1);
        List<String> values = new ArrayList<>();
        Matcher literal = LITERAL.matcher(body);
        while (literal.find()) {
            String value = literal.group(1) != null ? literal.group(1) : literal.group(2);
            values.add(value.replace("${NAMESPACE}", Settings.NAMESPACE));
        }
        return values;
    }
}
