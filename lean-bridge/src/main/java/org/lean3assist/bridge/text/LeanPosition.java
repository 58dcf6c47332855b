package org.lean3assist.bridge.text;

/**
 * A position as Lean 3 counts it: {@code line} from 1, {@code column} in Unicode code points
 * from 0. This is the convention of every request, reply and message of Lean's server mode.
 */
public record LeanPosition(int line, int column) implements Comparable<LeanPosition> {

    public LeanPosition {
        if (line < 1) {
            throw new IllegalArgumentException("Lean lines start at 1, got " + line);
        }
        if (column < 0) {
            throw new IllegalArgumentException("Lean columns start at 0, got " + column);
        }
    }

    @Override
    public int compareTo(LeanPosition other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
