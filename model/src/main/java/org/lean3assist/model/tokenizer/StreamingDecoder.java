package org.lean3assist.model.tokenizer;

import java.util.Arrays;

/**
 * Turns a growing list of token ids into text deltas. Decoding ids one at a time loses leading spaces
 * (SentencePiece-style tokenizers drop the space of a sequence's first token) and splits multi-byte characters.
 * So each step decodes a short window of ids that starts one token before the new ones, and emits what the window
 * added beyond that context; a trailing incomplete character is held back until the ids that finish it arrive.
 * The window keeps each step's cost independent of the text's length.
 */
public final class StreamingDecoder {

    private static final char REPLACEMENT = '\uFFFD';

    private final Tokenizer tokenizer;
    private int[] ids = new int[16];
    private int size;
    /** Start of the window: ids before it are already emitted and no longer needed as context. */
    private int contextStart;
    /** Ids from contextStart up to here have been emitted; the rest are pending. */
    private int emittedEnd;
    private final StringBuilder text = new StringBuilder();

    public StreamingDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one id and returns the text it completes; empty while a character is still incomplete. */
    public String append(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
        String context = tokenizer.decode(Arrays.copyOfRange(ids, contextStart, emittedEnd));
        String window = tokenizer.decode(Arrays.copyOfRange(ids, contextStart, size));
        if (window.length() <= context.length() || window.charAt(window.length() - 1) == REPLACEMENT
                || !window.startsWith(context)) {
            // Nothing printable yet (an incomplete character, or a token that only changes earlier text).
            return "";
        }
        String delta = window.substring(context.length());
        text.append(delta);
        contextStart = emittedEnd;
        emittedEnd = size;
        return delta;
    }

    /** All text emitted so far. */
    public String text() {
        return text.toString();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The ids appended so far. */
    public int[] ids() {
        return Arrays.copyOf(ids, size);
    }
}
