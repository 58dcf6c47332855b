package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The warm-up header holds the file's imported module names and nothing else of the file. */
class ImportHeaderTest {

    @Test
    void commentsAndBlankLinesBeforeAndBetweenImportsAreSkippedAndTheHeaderIsWrittenAnew() {
        String source = "/- Copyright: someone\n   /- nested -/ -/\n\n-- the imports\nimport data.real.basic  -- reals\n"
                + "import tactic\n  analysis.special_functions.pow\n\nopen real\n\ntheorem t : true := trivial\n";

        ImportHeader header = ImportHeader.of(source);

        assertEquals(List.of("data.real.basic", "tactic", "analysis.special_functions.pow"), header.modules());
        assertEquals("import data.real.basic\nimport tactic\nimport analysis.special_functions.pow\n", header.text());
    }

    @Test
    void relativeImportsKeepTheirDots() {
        ImportHeader header = ImportHeader.of("import .helper ..parent.lemmas ...far\n\ndef x := 1\n");

        assertEquals(List.of(".helper", "..parent.lemmas", "...far"), header.modules());
    }

    @Test
    void aPreludeFileImportsNoCoreLibraryAndSaysSo() {
        ImportHeader header = ImportHeader.of("prelude\nimport init.core\n");

        assertTrue(header.prelude());
        assertEquals("prelude\nimport init.core\n", header.text());
    }

    @Test
    void aFileWithoutImportsHasAnEmptyHeader() {
        ImportHeader header = ImportHeader.of("theorem t : true := trivial\n");

        assertFalse(header.prelude());
        assertEquals(List.of(), header.modules());
        assertEquals("", header.text());
    }

    @Test
    void aModuleImportedTwiceIsImportedOnce() {
        assertEquals(List.of("tactic"), ImportHeader.of("import tactic\nimport tactic\n").modules());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // The header ends at the first command, whatever follows it.
        "import tactic\\ntheorem import_me : true := trivial\\nimport data.nat|tactic",
        "import tactic\\n#eval io.put_str \"x\"\\nimport data.nat|tactic",
        "import tactic\\n@[simp] lemma l : true := trivial|tactic",
        "import tactic\\nset_option trace.simplify true|tactic",
        "import tactic\\nnoncomputable theory|tactic",
        "import tactic\\nlocalized \"x\" in y|tactic",
        "import tactic\\nuniverses u v|tactic",
        // A name Lean would not read as a module ends it too.
        "import «weird name» tactic|",
        "import . helper|",
        "import tactic «x»|tactic",
        "import tactic \"data.nat\"|tactic",
        // Imports after a command are not imports at all.
        "open nat\\nimport tactic|",
    })
    void onlyModuleNamesBeforeTheFirstCommandArePartOfIt(String source, String expected) {
        List<String> modules = ImportHeader.of(source.replace("\\n", "\n")).modules();

        assertEquals(expected == null ? List.of() : List.of(expected.split(",")), modules);
        assertTrue(ImportHeader.of(source.replace("\\n", "\n")).text().lines().allMatch(line -> line.matches("import [^\\s]+")),
                "only import lines");
    }

    @Test
    void aHeaderIsMadeOfModuleNamesOnly() {
        assertThrows(IllegalArgumentException.class, () -> new ImportHeader(false, List.of("tactic\n#exit")));
        assertThrows(IllegalArgumentException.class, () -> new ImportHeader(false, List.of("a b")));
    }
}
