package org.lean3assist.bridge.transport;

import java.nio.file.Path;
import java.util.List;

/** The command line and working directory of a Lean process. */
public record LeanCommand(List<String> argv, Path workingDirectory) {

    public LeanCommand {
        argv = List.copyOf(argv);
    }
}
