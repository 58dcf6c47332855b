package org.lean3assist.model.tokenizer;

import java.util.OptionalInt;

/** A tokenizer of one model. Implementations hold native memory: close them. Thread-safe. */
public interface Tokenizer extends AutoCloseable {

    /** The ids of {@code text}, including special tokens its post-processor adds (a BOS, for example). */
    int[] encode(String text);

    /** The text of {@code ids}, without special tokens such as {@code <|im_end|>}. */
    String decode(int[] ids);

    /** One more than the largest id the tokenizer can produce (vocabulary plus added tokens). */
    int vocabSize();

    /** The id of a token given by its exact text (an added special token such as {@code <|im_end|>}). */
    OptionalInt tokenId(String token);

    @Override
    void close();
}
