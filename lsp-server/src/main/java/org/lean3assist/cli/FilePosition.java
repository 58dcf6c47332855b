package org.lean3assist.cli;

import java.nio.file.Path;
import org.lean3assist.bridge.text.LeanPosition;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code FILE:LINE:COL} argument as Lean prints positions: the line from 1, the column from 0, in
 * Unicode code points. Parsed from the right, so a file name may itself contain colons.
 */
record FilePosition(Path file, LeanPosition position) {

    static FilePosition parse(String argument) {
        int columnColon = argument.lastIndexOf(':');
        int lineColon = columnColon > 0 ? argument.lastIndexOf(':', columnColon - 1) : -1;
        if (lineColon <= 0) {
            throw new TypeConversionException("'" + argument + "' is not FILE:LINE:COL (line from 1, column from 0)");
        }
        try {
            int line = Integer.parseInt(argument.substring(lineColon + 1, columnColon));
            int column = Integer.parseInt(argument.substring(columnColon + 1));
            if (line < 1 || column < 0) {
                throw new TypeConversionException("'" + argument + "': lines count from 1 and columns from 0");
            }
            return new FilePosition(Path.of(argument.substring(0, lineColon)), new LeanPosition(line, column));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + argument + "' is not FILE:LINE:COL: LINE and COL must be numbers");
        }
    }

    /** picocli's hook for {@code FILE:LINE:COL} parameters. */
    static final class Converter implements ITypeConverter<FilePosition> {
        @Override
        public FilePosition convert(String value) {
            return parse(value);
        }
    }

    @Override
    public String toString() {
        return file + ":" + position.line() + ":" + position.column();
    }
}
