package org.lean3assist.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lean3assist.model.ModelException.Reason;
import org.lean3assist.model.generate.GeneratedSequence;
import org.lean3assist.model.generate.GenerationRequest;
import org.lean3assist.model.generate.GenerationResult;
import org.lean3assist.model.generate.Generator;
import org.lean3assist.model.generate.Sampler;
import org.lean3assist.model.onnx.DecoderModel;
import org.lean3assist.model.tokenizer.DjlTokenizer;
import org.lean3assist.model.tokenizer.Tokenizer;

/**
 * The local backend: a model directory run by ONNX Runtime. {@link #complete} samples all candidates of a prompt
 * as one batch, then deduplicates them by text and ranks them by log-probability.
 */
public final class OnnxLanguageModel implements LanguageModel {

    /**
     * Tokenizer vocabularies may be smaller than the logits (exporters pad the embedding to a multiple of 64 or
     * 128); a larger gap than this means the tokenizer belongs to another model.
     */
    public static final int MAX_VOCAB_PADDING = 1024;

    private final DecoderModel decoder;
    private final Tokenizer tokenizer;
    private final Generator generator;
    private final ModelInfo info;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxLanguageModel(DecoderModel decoder, Tokenizer tokenizer, Path directory) {
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.generator = new Generator(decoder, tokenizer);
        Path name = directory.toAbsolutePath().normalize().getFileName();
        this.info = new ModelInfo(name == null ? directory.toString() : name.toString(), "onnx", decoder.device(),
                tokenizer.vocabSize(), decoder.config().numLayers());
    }

    /**
     * Loads a model directory. Errors are {@link ModelException}s: MISSING_DIRECTORY, MISSING_FILE, BAD_CONFIG,
     * CORRUPT_MODEL, WRONG_SIGNATURE, CORRUPT_TOKENIZER, VOCABULARY_MISMATCH.
     */
    public static OnnxLanguageModel load(ModelSettings settings) {
        DecoderModel decoder = DecoderModel.load(settings.modelDirectory(), settings.device(),
                settings.intraOpThreads());
        try {
            DjlTokenizer tokenizer = DjlTokenizer.load(settings.modelDirectory());
            try {
                checkVocabulary(settings.modelDirectory(), tokenizer.vocabSize(), decoder.signature().logitsVocab());
                return new OnnxLanguageModel(decoder, tokenizer, settings.modelDirectory());
            } catch (RuntimeException e) {
                tokenizer.close();
                throw e;
            }
        } catch (RuntimeException e) {
            decoder.close();
            throw e;
        }
    }

    /** Fails with VOCABULARY_MISMATCH unless the tokenizer's ids fit the logits with at most the usual padding. */
    public static void checkVocabulary(Path directory, int tokenizerVocab, int logitsVocab) {
        if (tokenizerVocab > logitsVocab || tokenizerVocab + MAX_VOCAB_PADDING < logitsVocab) {
            throw new ModelException(Reason.VOCABULARY_MISMATCH, "The tokenizer in " + directory + " has "
                    + tokenizerVocab + " tokens but the model's logits have " + logitsVocab
                    + "; tokenizer.json and model.onnx come from different models.");
        }
    }

    @Override
    public List<Completion> complete(String prompt, GenerationConfig config, CancelCheck cancel) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            GenerationResult result = generate(prompt, config, cancel);
            return rank(result.sequences());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public List<Completion> sample(String prompt, GenerationConfig config, CancelCheck cancel) {
        return completions(generate(prompt, config, cancel).sequences());
    }

    /** Like {@link #complete} but returns the raw per-row result with token ids and timings. */
    public GenerationResult generate(String prompt, GenerationConfig config, CancelCheck cancel) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            int[] ids = tokenizer.encode(prompt);
            int rows = config.numCandidates();
            List<int[]> prompts = Collections.nCopies(rows, ids);
            List<Sampler> samplers = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                samplers.add(samplerFor(config, row));
            }
            // Decoded text omits special tokens, so a stop string that is one (like <|im_end|>) must stop by id.
            // Such a string never shows in the text, so it is not searched for there.
            Set<Integer> stopIds = new HashSet<>(config.stopTokenIds());
            List<String> stopStrings = new ArrayList<>();
            for (String stop : config.stopStrings()) {
                tokenizer.tokenId(stop).ifPresentOrElse(stopIds::add, () -> stopStrings.add(stop));
            }
            GenerationRequest request = new GenerationRequest(config.maxNewTokens(), samplers, stopIds,
                    stopStrings, true, false);
            return generator.generate(prompts, request, cancel);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The sampler of candidate {@code row}: see {@link GenerationConfig#temperatureOfRow} and {@link GenerationConfig#seedOfRow}. */
    static Sampler samplerFor(GenerationConfig config, int row) {
        return Sampler.of(config.temperatureOfRow(row), config.topK(), config.topP(), config.seedOfRow(row));
    }

    /** Keeps the best-scoring candidate per distinct text, best first. */
    static List<Completion> rank(List<GeneratedSequence> sequences) {
        return Completion.rankDistinct(completions(sequences));
    }

    /** One completion per generated row, in row order. */
    private static List<Completion> completions(List<GeneratedSequence> sequences) {
        return sequences.stream().map(sequence -> new Completion(sequence.text(), sequence.logProb(),
                sequence.tokenIds().length, sequence.finishReason())).toList();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public DecoderModel decoder() {
        return decoder;
    }

    public Generator generator() {
        return generator;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
                decoder.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ModelException(Reason.CLOSED, "The language model " + info.name() + " was used after close().");
        }
    }
}
