package org.lean3assist.bridge.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.text.TacticBlock;
import org.lean3assist.bridge.text.TacticBlocks;

/**
 * Builds a replay variant: lines before the cursor line are kept; the cursor line keeps its first
 * {@code column} code points and gets {@code <candidate>,}; then comes a line {@code end}, which
 * closes the block and the declaration; the rest of the file is left out (later declarations
 * cannot change the verdict, and re-elaborating them dominated replay time).
 *
 * <p>The declaration is renamed to a fresh name (an {@code example} becomes a {@code def} of
 * that name), and two commands the product writes follow the {@code end}:
 * <pre>
 * #check @lean3assist_verdict_NONCE
 * #print axioms lean3assist_verdict_NONCE
 * </pre>
 * The first answers with the fresh name, so the messages read are this replay's and not an
 * earlier one's (Lean sends {@code all_messages} late, and only when the list changes). The nonce is
 * a digest of the variant itself: the same candidate at the same place of the same text gets the
 * same name (and the same verdict) in every run, which lets recordings be replayed, and no
 * candidate can choose the name it will be checked under. It is fresh, not secret: a candidate's
 * meta code could read the name, and the filter and the sandbox are what keep such code out. The second
 * lists every axiom the proof depends on, {@code [sorry]} included. Neither can be written by the
 * candidate: it sits inside the block, and the safety filter refuses anything that ends it.
 *
 * <p>So the candidate replaces the rest of the block, and a verdict means "from here, this
 * tactic finishes the proof" or "leaves these goals". The trailing comma is accepted by Lean 3
 * before {@code end}, and makes the state after the candidate available to {@code info}.
 */
public final class VariantBuilder {

    /** The prefix of every fresh declaration name. */
    public static final String CHECK_NAME_PREFIX = "lean3assist_verdict_";

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{8,32}");

    private VariantBuilder() {
    }

    /**
     * @throws IllegalArgumentException when the cursor is not inside a closed {@code begin … end}
     *                                  block of a declaration
     */
    public static Variant build(String source, LeanPosition cursor, String candidate) {
        TacticBlock block = TacticBlocks.enclosing(source, cursor).orElseThrow(() -> new IllegalArgumentException(
                "position " + cursor + " is not inside a begin … end block that is closed"));
        return build(source, cursor, block, candidate);
    }

    /** The same in a block already found. */
    public static Variant build(String source, LeanPosition cursor, TacticBlock block, String candidate) {
        String placeholder = build(source, cursor, block, candidate, "00000000").content();
        return build(source, cursor, block, candidate, digest(placeholder));
    }

    /** 64 bits of SHA-256 of a text, in hex. */
    static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java has SHA-256", impossible);
        }
    }

    /** The same with a given nonce (8–32 lower-case hex digits), for tests that pin the text. */
    static Variant build(String source, LeanPosition cursor, TacticBlock block, String candidate, String nonce) {
        if (!NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("a nonce is 8 to 32 lower-case hex digits, not '" + nonce + "'");
        }
        String checkName = CHECK_NAME_PREFIX + nonce;
        List<String> lines = Arrays.asList(source.split("\n", -1));
        String declarationLine = lines.get(block.declarationLine() - 1);
        Renamed renamed = rename(declarationLine, block, checkName).orElseThrow(() -> new IllegalArgumentException(
                "the block at " + block.begin() + " belongs to no theorem, lemma, def, instance or example"
                        + " that could be checked under a fresh name"));
        int cursorColumn = cursor.column();
        if (cursor.line() == block.declarationLine()) {
            // A one-line declaration: the cursor sits after the renamed part of its own line.
            cursorColumn += renamed.shift();
        }
        StringBuilder variant = new StringBuilder();
        for (int index = 0; index < cursor.line() - 1; index++) {
            variant.append(index == block.declarationLine() - 1 ? renamed.line() : lines.get(index)).append('\n');
        }
        String cursorLine = cursor.line() == block.declarationLine() ? renamed.line() : lines.get(cursor.line() - 1);
        int cut = cursorLine.offsetByCodePoints(0, Math.min(cursorColumn, cursorLine.codePointCount(0, cursorLine.length())));
        variant.append(cursorLine, 0, cut).append(candidate).append(",\n")
                .append("end\n")
                .append("#check @").append(checkName).append('\n')
                .append("#print axioms ").append(checkName).append('\n');
        int endLine = cursor.line() + 1;
        LeanPosition start = new LeanPosition(cursor.line(), cursorColumn);
        LeanPosition after = new LeanPosition(cursor.line(), cursorColumn + PositionConverter.codePointLength(candidate) + 1);
        return new Variant(variant.toString(), start, after, block.declarationLine(), endLine, checkName,
                endLine + 1, endLine + 2);
    }

    /** The declaration line with its name replaced, and how many code points later its rest now starts. */
    private record Renamed(String line, int shift) {
    }

    private static Optional<Renamed> rename(String line, TacticBlock block, String checkName) {
        List<LeanToken> tokens = LeanScanner.scan(line);
        for (int index = 0; index < tokens.size(); index++) {
            LeanToken keyword = tokens.get(index);
            if (keyword.kind() != LeanToken.Kind.IDENTIFIER || !TacticBlocks.DECLARATION_COMMANDS.contains(keyword.text())) {
                continue;
            }
            Optional<LeanToken> next = index + 1 < tokens.size() ? Optional.of(tokens.get(index + 1)) : Optional.empty();
            boolean named = next.isPresent() && next.get().kind() == LeanToken.Kind.IDENTIFIER;
            switch (keyword.text()) {
                case "example" -> {
                    // An example has no name to ask Lean about; as a definition of a fresh name it
                    // elaborates the same way, Prop or data, and can be looked up ("noncomputable"
                    // keeps a data example from being compiled; for a Prop Lean only warns).
                    return Optional.of(splice(line, keyword, "noncomputable def " + checkName));
                }
                case "instance" -> {
                    return Optional.of(named ? splice(line, next.get(), checkName)
                            : splice(line, keyword, "instance " + checkName));
                }
                default -> {
                    if (named && next.get().text().equals(block.declarationName())) {
                        return Optional.of(splice(line, next.get(), checkName));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Renamed splice(String line, LeanToken replaced, String replacement) {
        String renamed = line.substring(0, replaced.start()) + replacement + line.substring(replaced.end());
        return new Renamed(renamed, PositionConverter.codePointLength(replacement)
                - PositionConverter.codePointLength(replaced.text()));
    }
}
