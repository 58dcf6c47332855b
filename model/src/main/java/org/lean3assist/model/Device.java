package org.lean3assist.model;

import java.util.Locale;

/** Where the local model runs. CUDA needs the {@code onnxruntime_gpu} build (Maven profile {@code -Pcuda}). */
public enum Device {
    /** ONNX Runtime's CPU provider; the default. */
    CPU,
    /** Ask for CUDA; falls back to CPU with one log line when CUDA cannot start. */
    CUDA,
    /** Try CUDA only when the ONNX Runtime build lists it, else CPU; falls back like {@link #CUDA}. */
    AUTO;

    /** Parses the setting values {@code cpu}, {@code cuda} and {@code auto}, ignoring case. */
    public static Device parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device must be cpu, cuda or auto, not '" + value + "'", e);
        }
    }
}
