package org.lean3assist.model.tokenizer;

import java.util.Arrays;

/**
 * Turns a growing list of token ids into text deltas. Decoding ids one at a time loses leading spaces
 * (SentencePiece-style tokenizers drop the space of a sequence's first token) and splits multi-byte characters,
 * so this decodes all ids so far and emits the difference, holding back a trailing incomplete character.
 */
public final class StreamingDecoder {

    private static final char REPLACEMENT = '\uFFFD';

    private final Tokenizer tokenizer;
    private int[] ids = new int[16];
    private int size;
    private String emitted = "";

    public StreamingDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one id and returns the text it completes; empty while a character is still incomplete. */
    public String append(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
        String full = tokenizer.decode(Arrays.copyOf(ids, size));
        if (!full.isEmpty() && full.charAt(full.length() - 1) == REPLACEMENT) {
            // A multi-byte character is not complete yet; the next ids finish it.
            return "";
        }
        String delta = full.startsWith(emitted) ? full.substring(emitted.length()) : full;
        emitted = full;
        return delta;
    }

    /** All text emitted so far. */
    public String text() {
        return emitted;
    }

    /** The ids appended so far. */
    public int[] ids() {
        return Arrays.copyOf(ids, size);
    }
}
