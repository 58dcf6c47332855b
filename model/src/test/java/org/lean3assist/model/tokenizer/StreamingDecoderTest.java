package org.lean3assist.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SentencePiece-style tokenizers (Llama, InternLM2, Mistral) mark a word's leading space with ▁ and drop it for the
 * first token of a decode; decoding token by token would glue the words together.
 */
class StreamingDecoderTest {

    private static final String METASPACE = """
            {"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,
             "pre_tokenizer":{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true},
             "post_processor":null,
             "decoder":{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true},
             "model":{"type":"WordLevel","vocab":{"<unk>":0,"▁exact":1,"▁h.left":2,"▁intro":3,"▁h":4},
                      "unk_token":"<unk>"}}
            """;

    @Test
    void leadingSpacesSurviveSentencePieceDecoding(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve(DjlTokenizer.FILE_NAME), METASPACE);
        try (DjlTokenizer tokenizer = DjlTokenizer.load(directory)) {
            int[] ids = tokenizer.encode("exact h.left");
            assertArrayEquals(new int[] {1, 2}, ids);
            String naive = tokenizer.decode(new int[] {1}) + tokenizer.decode(new int[] {2});
            assertNotEquals("exact h.left", naive, "the tokenizer should drop the first token's space");
            StreamingDecoder decoder = new StreamingDecoder(tokenizer);
            List<String> deltas = new ArrayList<>();
            for (int id : ids) {
                deltas.add(decoder.append(id));
            }
            assertEquals(List.of("exact", " h.left"), deltas);
            assertEquals("exact h.left", decoder.text());
        }
    }
}
