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

    /** The file opened and checked, the place of the tactic, and Lean's goal there. */
    record AtSite(OneShot.Opened opened, org.lean3assist.engine.Engine.Place place,
                  org.lean3assist.bridge.GoalAtPosition goal) {}

    /** Opens the file, waits for Lean's check, and asks for the goal at the tactic; no goal is an error. */
    AtSite openAtSite(org.lean3assist.engine.Engine engine) throws Exception {
        var opened = OneShot.open(engine, at.file(), text);
        var place = OneShot.place(opened, site);
        var goal = OneShot.await(engine.goalAt(place)).orElseThrow(() ->
                new IllegalStateException("Lean reports no goal at " + at + " (is the proof above it broken?)"));
        return new AtSite(opened, place, goal);
    }
}
