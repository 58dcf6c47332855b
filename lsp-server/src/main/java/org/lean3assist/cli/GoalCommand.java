package org.lean3assist.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.lean3assist.bridge.goal.Goal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lean3-assist goal FILE:LINE:COL}: Lean's tactic state at a position. */
@Command(name = "goal", mixinStandardHelpOptions = true,
        description = "Print the goal Lean reports at FILE:LINE:COL (line from 1, column from 0, in code points).")
final class GoalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE:LINE:COL", converter = FilePosition.Converter.class)
    FilePosition at;

    @Mixin
    LeanOptions lean;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text = LeanOptions.read(at.file());
        try (var checked = OneShot.check(lean, at.file(), text)) {
            var goal = OneShot.await(checked.project().server().goalAt(checked.file(), at.position()));
            var out = spec.commandLine().getOut();
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
                spec.commandLine().getErr().println("lean3-assist: Lean reports no goal at " + at);
                return 1;
            } else {
                out.println(goal.get().rawState());
            }
            out.flush();
            return goal.isPresent() ? 0 : 1;
        }
    }
}
