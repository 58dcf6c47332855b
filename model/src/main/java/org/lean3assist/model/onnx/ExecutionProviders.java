package org.lean3assist.model.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import java.util.Set;
import org.lean3assist.model.Device;

/**
 * Chooses the execution provider. CUDA is tried only when the user asked for it ({@code cuda}, or {@code auto} with a
 * build that lists CUDA), because a failed CUDA start costs seconds and the GPU build lists CUDA even on hosts
 * without CUDA 12. A failure falls back to CPU with one warning line.
 */
public final class ExecutionProviders {

    private static final System.Logger LOG = System.getLogger(ExecutionProviders.class.getName());

    /** Creates a session with or without the CUDA provider; the only part that touches ONNX Runtime. */
    @FunctionalInterface
    public interface SessionFactory<S> {
        S create(boolean withCuda) throws OrtException;
    }

    /**
     * A session and the provider it ended up on.
     *
     * @param session  what the factory created
     * @param device   {@code cuda} or {@code cpu}
     * @param fallback why CUDA was not used although asked for; null when there was no fallback
     */
    public record Opened<S>(S session, String device, String fallback) {
    }

    private ExecutionProviders() {
    }

    /** Whether to try CUDA for this setting, given the providers this ONNX Runtime build lists. */
    public static boolean shouldTryCuda(Device device, Set<OrtProvider> available) {
        return switch (device) {
            case CPU -> false;
            case CUDA -> true;
            case AUTO -> available.contains(OrtProvider.CUDA);
        };
    }

    /**
     * Opens a session on CUDA when asked, else (or when CUDA fails) on CPU. Errors of the CPU attempt propagate
     * unchanged, so a corrupt model is still reported as such.
     */
    public static <S> Opened<S> open(Device device, Set<OrtProvider> available, SessionFactory<S> factory)
            throws OrtException {
        String fallback = null;
        if (shouldTryCuda(device, available)) {
            try {
                return new Opened<>(factory.create(true), "cuda", null);
            } catch (OrtException | RuntimeException | LinkageError e) {
                fallback = "device=" + device.name().toLowerCase(java.util.Locale.ROOT)
                        + " asked for CUDA, but it could not start (" + firstLine(e) + "); running on CPU."
                        + " CUDA needs the onnxruntime_gpu build (-Pcuda) and CUDA 12 with cuDNN 9 on the host.";
                LOG.log(System.Logger.Level.WARNING, fallback);
            }
        }
        return new Opened<>(factory.create(false), "cpu", fallback);
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
