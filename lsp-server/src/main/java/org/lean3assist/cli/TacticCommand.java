package org.lean3assist.cli;

import org.lean3assist.engine.suggest.TacticSite;
import picocli.CommandLine.Parameters;

/** A subcommand about the tactic at {@code FILE:LINE:COL}, inside a closed {@code begin … end} block. */
abstract class TacticCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "FILE:LINE:COL", converter = FilePosition.Converter.class)
    FilePosition at;

    /** The file's text, read before any Lean starts. */
    String text;
    /** The tactic at the position; a position outside a proof is a usage error before Lean starts. */
    TacticSite site;

    @Override
    void prepare() throws Exception {
        text = LeanOptions.read(at.file());
        site = OneShot.site(at, text);
    }
}
