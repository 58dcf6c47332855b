package org.lean3assist.bridge.protocol;

import java.util.List;

/**
 * {@code "response":"current_tasks"}: whether Lean is checking, and what. The same task can be
 * listed more than once.
 */
public record CurrentTasks(boolean isRunning, List<Task> tasks) implements LeanReply {

    public CurrentTasks {
        tasks = List.copyOf(tasks);
    }

    /** One task; {@code description} is {@code parsing at line N} or a declaration name. */
    public record Task(String description, String fileName, int line, int column, int endLine, int endColumn) {
    }
}
