package org.lean3assist.bridge.protocol;

/**
 * One entry of an {@code all_messages} list: a diagnostic at a Lean position (line from 1,
 * column in code points from 0). Lean 3 gives no end position.
 */
public record LeanMessage(String fileName, int line, int column, Severity severity, String caption, String text) {

    /** Lean's three severities. */
    public enum Severity {
        ERROR, WARNING, INFORMATION;

        /**
         * Lean writes {@code error}, {@code warning} and {@code information}. Anything else is read
         * as an error, so that a message nobody understood can never pass for a clean check.
         */
        public static Severity fromLean(String value) {
            return switch (value) {
                case "warning" -> WARNING;
                case "information" -> INFORMATION;
                default -> ERROR;
            };
        }
    }
}
