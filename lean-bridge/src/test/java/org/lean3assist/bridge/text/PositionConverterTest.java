package org.lean3assist.bridge.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lean3assist.bridge.testing.Recordings;

class PositionConverterTest {

    private static final String UNICODE = Recordings.source("unicode");

    /** The columns the corpus README states for unicode.lean, checked against Lean's replies. */
    static Stream<Arguments> recordedColumns() {
        return Stream.of(
                Arguments.of(21, 11, 13, "split"),
                Arguments.of(21, 26, 29, "exact"),
                Arguments.of(21, 46, 52, "refl"),
                Arguments.of(16, 21, 25, "h𝓝𝔽"));
    }

    @ParameterizedTest(name = "line {0}: code point {1} = UTF-16 {2} ({3})")
    @MethodSource("recordedColumns")
    void convertsTheRecordedColumnsOutsideTheBasicPlane(int line, int codePointColumn, int utf16Column, String token) {
        PositionConverter converter = new PositionConverter(UNICODE);
        LeanPosition lean = new LeanPosition(line, codePointColumn);
        Utf16Position utf16 = new Utf16Position(line - 1, utf16Column);

        assertEquals(utf16, converter.toUtf16(lean));
        assertEquals(lean, converter.toLean(utf16));
        assertEquals(token, UNICODE.substring(converter.offsetOf(lean), converter.offsetOf(lean) + token.length()));
    }

    static Stream<Arguments> bmpSymbols() {
        // ℕ, ⊢ and → are one UTF-16 unit each, so the columns agree; 𝓝 and 𝔽 are two units each.
        return Stream.of(
                Arguments.of("ℕ ⊢ → x", 6, 6),
                Arguments.of("𝓝 → 𝔽 x", 6, 8),
                Arguments.of("⊢ 𝔽𝔽 = ℕ", 5, 7));
    }

    @ParameterizedTest(name = "{0}: code point {1} = UTF-16 {2}")
    @MethodSource("bmpSymbols")
    void countsSymbolsInsideAndOutsideTheBasicPlane(String line, int codePointColumn, int utf16Column) {
        PositionConverter converter = new PositionConverter("first line\n" + line + "\n");

        assertEquals(new Utf16Position(1, utf16Column), converter.toUtf16(new LeanPosition(2, codePointColumn)));
        assertEquals(new LeanPosition(2, codePointColumn), converter.toLean(new Utf16Position(1, utf16Column)));
    }

    @Test
    void movesAPositionInsideASurrogatePairToTheStartOfItsCharacter() {
        PositionConverter converter = new PositionConverter("a𝓝b");

        assertEquals(new LeanPosition(1, 1), converter.toLean(new Utf16Position(0, 2)));
    }

    @Test
    void clampsColumnsAndLinesPastTheEnd() {
        PositionConverter converter = new PositionConverter("ab\n𝔽");

        assertEquals(new Utf16Position(0, 2), converter.toUtf16(new LeanPosition(1, 40)));
        assertEquals(new LeanPosition(2, 1), converter.toLean(new Utf16Position(1, 9)));
        assertEquals(new Utf16Position(1, 2), converter.toUtf16(new LeanPosition(7, 3)));
    }

    @ParameterizedTest(name = "{0}.lean")
    @MethodSource("org.lean3assist.bridge.testing.Recordings#sourceNames")
    void roundTripsEveryCharacterPositionOfTheRecordedFiles(String name) {
        String source = Recordings.source(name);
        PositionConverter converter = new PositionConverter(source);
        for (int line = 0; line < converter.lineCount(); line++) {
            String text = converter.lineText(line);
            int codePoints = text.codePointCount(0, text.length());
            for (int column = 0; column <= codePoints; column++) {
                LeanPosition lean = new LeanPosition(line + 1, column);
                Utf16Position utf16 = converter.toUtf16(lean);
                assertEquals(text.offsetByCodePoints(0, column), utf16.character());
                assertEquals(lean, converter.toLean(utf16));
                assertEquals(lean, converter.positionAt(converter.offsetOf(lean)));
            }
        }
    }
}
