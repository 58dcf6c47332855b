package org.lean3assist.model.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lean3assist.model.Device;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelException.Reason;

/**
 * A loaded decoder graph: the ONNX Runtime session plus its config and checked signature. Immutable and shareable
 * between generations; per-generation tensors live in {@link org.lean3assist.model.generate.GenerationState}.
 */
public final class DecoderModel implements AutoCloseable {

    /** {@code int64 [batch, seq]}. */
    public static final String INPUT_IDS = "input_ids";
    /** {@code int64 [batch, past + seq]}: 1 for real tokens, 0 for left padding. */
    public static final String ATTENTION_MASK = "attention_mask";
    /** {@code int64 [batch, seq]}: positions counted over real tokens only. Optional in the graph. */
    public static final String POSITION_IDS = "position_ids";
    /** {@code float [batch, seq, vocab]}. */
    public static final String LOGITS = "logits";
    /** {@code float [batch, kv_heads, past, head_dim]}, one per layer. */
    public static final String PAST_KEY_TEMPLATE = "past_key_values.%d.key";
    public static final String PAST_VALUE_TEMPLATE = "past_key_values.%d.value";
    /** {@code float [batch, kv_heads, past + seq, head_dim]}, one per layer. */
    public static final String PRESENT_KEY_TEMPLATE = "present.%d.key";
    public static final String PRESENT_VALUE_TEMPLATE = "present.%d.value";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ModelConfig config;
    private final DecoderSignature signature;
    private final String device;
    private final String fallbackNote;
    private volatile boolean closed;

    private DecoderModel(OrtEnvironment environment, OrtSession session, ModelConfig config,
                         DecoderSignature signature, String device, String fallbackNote) {
        this.environment = environment;
        this.session = session;
        this.config = config;
        this.signature = signature;
        this.device = device;
        this.fallbackNote = fallbackNote;
    }

    /**
     * Opens {@code directory}: reads the config, creates the session on the requested device and checks the
     * signature. Each failure is a {@link ModelException} with its own reason.
     */
    public static DecoderModel load(Path directory, Device requestedDevice, int intraOpThreads) {
        if (!Files.isDirectory(directory)) {
            throw new ModelException(Reason.MISSING_DIRECTORY, "Model directory " + directory.toAbsolutePath()
                    + " does not exist or is not a directory.");
        }
        ModelConfig config = ModelConfig.read(directory);
        Path modelFile = directory.resolve(config.modelFileName());
        if (!Files.isRegularFile(modelFile)) {
            throw new ModelException(Reason.MISSING_FILE, "Model directory " + directory + " has no "
                    + config.modelFileName() + ".");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        ExecutionProviders.Opened<OrtSession> opened;
        try {
            opened = ExecutionProviders.open(requestedDevice, OrtEnvironment.getAvailableProviders(),
                    withCuda -> createSession(environment, modelFile, withCuda, intraOpThreads));
        } catch (OrtException e) {
            throw new ModelException(Reason.CORRUPT_MODEL, "ONNX Runtime cannot load " + modelFile
                    + " (is it truncated, or is its external data file missing?): " + e.getMessage(), e);
        }
        OrtSession session = opened.session();
        try {
            DecoderSignature signature = DecoderSignature.check(modelFile, session.getInputInfo(),
                    session.getOutputInfo(), config);
            return new DecoderModel(environment, session, config, signature, opened.device(), opened.fallback());
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof ModelException modelException) {
                throw modelException;
            }
            throw new ModelException(Reason.CORRUPT_MODEL, "Cannot read the signature of " + modelFile, e);
        }
    }

    private static OrtSession createSession(OrtEnvironment environment, Path modelFile, boolean withCuda,
                                            int intraOpThreads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            if (withCuda) {
                options.addCUDA(0);
            }
            // Loading by path (not bytes) lets ONNX Runtime find the external data file next to model.onnx.
            return environment.createSession(modelFile.toString(), options);
        }
    }

    /** Runs one forward step; the caller owns (and must close) the result. */
    public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs) {
        ensureOpen();
        try {
            return session.run(inputs);
        } catch (OrtException e) {
            throw new ModelException(Reason.INFERENCE_FAILED, "ONNX Runtime failed to run the decoder: "
                    + e.getMessage(), e);
        }
    }

    /** An empty cache tensor for the first step; the caller closes it. */
    public OnnxTensor emptyCache(int batch) {
        ensureOpen();
        long[] shape = {batch, config.numKeyValueHeads(), 0, config.headDim()}; // [batch, kv_heads, 0, head_dim]
        try {
            if (signature.cacheType() == OnnxJavaType.FLOAT16) {
                return OnnxTensor.createTensor(environment, ShortBuffer.allocate(0), shape, OnnxJavaType.FLOAT16);
            }
            return OnnxTensor.createTensor(environment, FloatBuffer.allocate(0), shape);
        } catch (OrtException e) {
            throw new ModelException(Reason.INFERENCE_FAILED, "Cannot create an empty cache tensor", e);
        }
    }

    public OrtEnvironment environment() {
        return environment;
    }

    /** The raw session, for the bench's bare {@code OrtSession.run} baseline. */
    public OrtSession session() {
        ensureOpen();
        return session;
    }

    public ModelConfig config() {
        return config;
    }

    public DecoderSignature signature() {
        return signature;
    }

    /** {@code cpu} or {@code cuda}: where the session actually runs. */
    public String device() {
        return device;
    }

    /** Why CUDA was not used although asked for, or null. */
    public String fallbackNote() {
        return fallbackNote;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(session);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ModelException(Reason.CLOSED, "The decoder model was used after close().");
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            System.getLogger(DecoderModel.class.getName()).log(System.Logger.Level.WARNING,
                    "Closing the ONNX Runtime session failed: " + e.getMessage());
        }
    }
}
