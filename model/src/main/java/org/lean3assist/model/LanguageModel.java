package org.lean3assist.model;

import java.util.List;

/**
 * A text completion backend: the local ONNX model ({@link OnnxLanguageModel}) or a remote OpenAI-compatible server
 * ({@link org.lean3assist.model.remote.RemoteLanguageModel}). Implementations are thread-safe; a request blocks its
 * calling thread, so call it off the LSP reader thread.
 */
public interface LanguageModel extends AutoCloseable {

    /**
     * Completes {@code prompt} (already formatted by a prompt profile) and returns up to
     * {@code config.numCandidates()} distinct candidates, best first (highest log-probability).
     *
     * @throws ModelException on failure, with reason {@link ModelException.Reason#CLOSED} after {@link #close()}
     */
    List<Completion> complete(String prompt, GenerationConfig config, CancelCheck cancel);

    /**
     * Every one of {@code config.numCandidates()} samples of {@code prompt}, in the order sampled, equal texts kept:
     * what a majority vote counts. Fewer when cancelled.
     *
     * @throws ModelException as {@link #complete}
     */
    List<Completion> sample(String prompt, GenerationConfig config, CancelCheck cancel);

    ModelInfo info();

    /** Releases native resources; later calls throw {@link ModelException}. Does not throw checked exceptions. */
    @Override
    void close();
}
