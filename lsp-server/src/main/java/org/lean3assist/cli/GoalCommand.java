package org.lean3assist.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import org.lean3assist.bridge.goal.Goal;
import org.lean3assist.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lean3-assist goal FILE:LINE:COL}: Lean's tactic state at a position. */
@Command(name = "goal", mixinStandardHelpOptions = true,
        description = "Print the goal Lean reports at FILE:LINE:COL (line from 1, column from 0, in code points).")
final class GoalCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "FILE:LINE:COL", converter = FilePosition.Converter.class)
    FilePosition at;

    private String text;

    @Override
    void prepare() throws Exception {
        text = LeanOptions.read(at.file());
    }

    @Override
    int run(Engine engine, PrintWriter out) throws Exception {
        var opened = OneShot.open(engine, at.file(), text);
        var goal = OneShot.await(engine.goalAt(opened.project(), opened.document(), at.position()));
        if (lean.json) {
            var json = new LinkedHashMap<String, Object>();
            json.put("file", at.file().toString());
            json.put("line", at.position().line());
            json.put("column", at.position().column());
            json.put("goal", goal.map(g -> g.rawState()).orElse(null));
            json.put("goals", goal.flatMap(g -> g.goals()).map(state -> state.goals().stream().map(Goal::render).toList())
                    .orElse(List.of()));
            OneShot.printJson(out, json);
        } else if (goal.isEmpty()) {
            err().println("lean3-assist: Lean reports no goal at " + at);
        } else {
            out.println(goal.get().rawState());
        }
        return goal.isPresent() ? 0 : 1;
    }
}
