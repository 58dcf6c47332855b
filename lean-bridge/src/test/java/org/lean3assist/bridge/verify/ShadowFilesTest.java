package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShadowFilesTest {

    private final Path source = Path.of("/work/project/src/algebra/group.lean");

    @Test
    void liveShadowsSitBesideTheSourceSoRelativeImportsResolveAlike() {
        Path shadow = Path.of(ShadowFiles.perSlot().shadowFor(source, 0));
        assertEquals(source.getParent(), shadow.getParent());
        assertEquals("group.lean3assist-replay-0.lean", shadow.getFileName().toString());
    }

    @Test
    void everySlotAndTagHasItsOwnName() {
        ShadowFiles live = ShadowFiles.perSlot();
        assertNotEquals(live.shadowFor(source, 0), live.shadowFor(source, 1));
        assertNotEquals(live.shadowFor(source, 0), ShadowFiles.sibling(source, "formalize"));
        assertNotEquals(source.toString(), ShadowFiles.sibling(source, "formalize"));
    }

    @Test
    void aRelativeSourceIsMadeAbsolute() {
        Path shadow = Path.of(ShadowFiles.sibling(Path.of("Scratch.lean"), "formalize"));
        assertEquals(Path.of("Scratch.lean").toAbsolutePath().getParent(), shadow.getParent());
        assertEquals("Scratch.lean3assist-formalize.lean", shadow.getFileName().toString());
    }
}
