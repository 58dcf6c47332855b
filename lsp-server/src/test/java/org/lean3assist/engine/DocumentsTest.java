package org.lean3assist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.text.Utf16Position;

class DocumentsTest {

    private static Documents.Change edit(int line, int from, int to, String text) {
        return Documents.Change.ranged(new Utf16Position(line, from), new Utf16Position(line, to), text);
    }

    @Test
    void rangedChangesCountUtf16UnitsAcrossCharactersOutsideTheBmp() {
        // 𝓝 is two UTF-16 units; "split" starts at UTF-16 column 7 on line 1.
        String text = "theorem t : true :=\nbegin 𝓝 split\nend\n";
        var documents = new Documents();
        documents.open("file:///t.lean", 1, text);

        var changed = documents.change("file:///t.lean", 2, java.util.List.of(edit(1, 9, 14, "refl")));

        assertEquals("theorem t : true :=\nbegin 𝓝 refl\nend\n", changed.orElseThrow().text());
        assertEquals(2, changed.orElseThrow().version());
    }

    @Test
    void changesApplyInOrderAndAFullChangeReplacesTheText() {
        var documents = new Documents();
        documents.open("u", 1, "ab\ncd\n");
        var changes = java.util.List.of(
                edit(0, 2, 2, "X"), // abX
                edit(1, 0, 1, "ℕ"), // ℕd
                Documents.Change.full("whole\n"),
                edit(0, 5, 5, "!"));
        assertEquals("whole!\n", documents.change("u", 5, changes).orElseThrow().text());
    }

    @Test
    void changeToAnUnopenedDocumentIsIgnored() {
        var documents = new Documents();
        assertEquals(java.util.Optional.empty(), documents.change("never", 1, java.util.List.of(edit(0, 0, 0, "x"))));
    }

    @Test
    void positionsPastTheEndAreClamped() {
        assertEquals(2, Documents.offsetOf("ab\ncd", new Utf16Position(0, 99)));
        assertEquals(5, Documents.offsetOf("ab\ncd", new Utf16Position(7, 0)));
    }

    @Test
    void aVersionIsScannedOnceAndAChangeGetsItsOwnTokens() {
        var documents = new Documents();
        documents.open("file:///p/t.lean", 1, "example : true :=\nbegin\n  trivial\nend\n");
        var first = documents.get("file:///p/t.lean").orElseThrow();

        assertSame(first.tokens(), first.tokens(), "the same version is not rescanned");
        assertSame(first.converter(), first.converter());
        assertTrue(first.tokens().stream().anyMatch(token -> token.text().equals("trivial")));

        var second = documents.change("file:///p/t.lean", 2, java.util.List.of(edit(2, 2, 9, "refl"))).orElseThrow();
        assertTrue(second.tokens().stream().anyMatch(token -> token.text().equals("refl")));
        assertFalse(second.tokens().stream().anyMatch(token -> token.text().equals("trivial")));
        assertEquals("  refl", second.converter().lineText(2));
    }

    @Test
    void theFileOfAUriIsFoundOnceAndLooksUpTheDocument() {
        var documents = new Documents();
        var file = java.nio.file.Path.of("/p/t.lean").toAbsolutePath();
        documents.open(file.toUri().toString(), 1, "");
        documents.open("untitled:Untitled-1", 1, "");

        assertEquals(java.util.Optional.of(file), documents.get(file.toUri().toString()).orElseThrow().path());
        assertEquals(java.util.Optional.empty(), documents.get("untitled:Untitled-1").orElseThrow().path());
        assertEquals(java.util.Optional.of(file.toUri().toString()), documents.uriOf(file));

        var closed = documents.close(file.toUri().toString());
        assertEquals(java.util.Optional.of(file), closed.orElseThrow().path());
        assertEquals(java.util.Optional.empty(), documents.uriOf(file));
        assertEquals(java.util.Optional.empty(), documents.close(file.toUri().toString()));
    }
}
