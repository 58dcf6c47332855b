package org.lean3assist.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lean3assist.model.TinyModel;

class DjlTokenizerTest {

    private static DjlTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = DjlTokenizer.load(TinyModel.directory());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void vocabularyAndSpecialTokens() {
        assertEquals(512, tokenizer.vocabSize());
        assertEquals(3, tokenizer.tokenId("<|im_start|>").getAsInt());
        assertEquals(4, tokenizer.tokenId("<|im_end|>").getAsInt());
        assertArrayEquals(new int[] {3}, tokenizer.encode("<|im_start|>"));
    }

    @Test
    void roundTripsTheLeanSources() throws IOException {
        Path lean = Path.of(System.getProperty("lean3assist.shared", "../../shared"), "lean3", "lean");
        if (!Files.isDirectory(lean)) {
            lean = Path.of("..", "..", "shared", "lean3", "lean");
        }
        String text = Files.readString(lean.resolve("unicode.lean"));
        assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
    }

    @Test
    void noTruncationAt512Tokens() {
        String text = "theorem 𝓝 : ℕ → ⊢ ".repeat(400);
        int[] ids = tokenizer.encode(text);
        assertTrue(ids.length > 512, "only " + ids.length + " ids");
        assertEquals(text, tokenizer.decode(ids));
    }

    @Test
    void nativeLibraryComesFromTheJar() {
        // The surefire configuration points DJL's cache into target/; the library must have been extracted there
        // from the jar (there is no network to download it from).
        String cache = System.getenv("DJL_CACHE_DIR");
        if (cache != null) {
            try (Stream<Path> files = Files.walk(Path.of(cache))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("libtokenizers")));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void streamingDecodeKeepsLeadingSpacesAndMultiByteCharacters() {
        String text = " ⊢ 𝓝 = 𝔽 ∧  spaced\n  h : ℕ";
        int[] ids = tokenizer.encode(text);
        StreamingDecoder decoder = new StreamingDecoder(tokenizer);
        StringBuilder streamed = new StringBuilder();
        boolean heldBack = false;
        for (int id : ids) {
            String delta = decoder.append(id);
            heldBack |= delta.isEmpty();
            assertTrue(delta.indexOf('\uFFFD') < 0, "a partial character leaked: " + delta);
            streamed.append(delta);
        }
        assertEquals(text, streamed.toString());
        assertEquals(text, decoder.text());
        assertTrue(heldBack, "the byte-level tokenizer splits some multi-byte character, so some step emits nothing");
    }
}
