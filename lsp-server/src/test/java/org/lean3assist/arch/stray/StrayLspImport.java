package org.lean3assist.arch.stray;

import org.eclipse.lsp4j.Position;

/** What {@code EngineBoundaryTest} must catch: a class of a would-be engine that speaks LSP4J. */
public final class StrayLspImport {

    private StrayLspImport() {}

    public static Position origin() {
        return new Position(0, 0);
    }
}
