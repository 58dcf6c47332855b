package org.lean3assist.model;

/**
 * Any failure of a model backend, with a {@link Reason} that callers and tests can tell apart without parsing
 * messages. Messages name the file or URL involved and say what to do about it.
 */
public final class ModelException extends RuntimeException {

    /** What went wrong; each load failure of a model directory has its own reason. */
    public enum Reason {
        /** The model directory does not exist or is not a directory. */
        MISSING_DIRECTORY,
        /** A required file (model.onnx, tokenizer.json, a config) is absent. */
        MISSING_FILE,
        /** The config file cannot be read or lacks a field. */
        BAD_CONFIG,
        /** ONNX Runtime cannot parse model.onnx (or its external data). */
        CORRUPT_MODEL,
        /** model.onnx is a valid ONNX file but not a decoder with the expected inputs and outputs. */
        WRONG_SIGNATURE,
        /** tokenizer.json cannot be parsed. */
        CORRUPT_TOKENIZER,
        /** The tokenizer's vocabulary does not fit the model's logits. */
        VOCABULARY_MISMATCH,
        /** ONNX Runtime failed while running the model. */
        INFERENCE_FAILED,
        /** The remote server could not be reached or answered with an error status. */
        REMOTE_UNAVAILABLE,
        /** The remote server did not answer in time. */
        REMOTE_TIMEOUT,
        /** The remote server answered with something that is not a completions response. */
        REMOTE_BAD_RESPONSE,
        /** The model was used after close. */
        CLOSED
    }

    private final Reason reason;

    public ModelException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ModelException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
