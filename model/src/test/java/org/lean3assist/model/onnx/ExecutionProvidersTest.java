package org.lean3assist.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lean3assist.model.Device;
import org.lean3assist.model.ModelSettings;
import org.lean3assist.model.OnnxLanguageModel;
import org.lean3assist.model.TinyModel;

/** CUDA is tried only when asked for, and a failed start falls back to CPU. No GPU is needed. */
class ExecutionProvidersTest {

    private static final Set<OrtProvider> CPU_BUILD = EnumSet.of(OrtProvider.CPU);
    private static final Set<OrtProvider> GPU_BUILD = EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA);

    @Test
    void cudaIsTriedOnlyWhenAskedFor() {
        assertFalse(ExecutionProviders.shouldTryCuda(Device.CPU, GPU_BUILD));
        assertTrue(ExecutionProviders.shouldTryCuda(Device.CUDA, CPU_BUILD));
        assertTrue(ExecutionProviders.shouldTryCuda(Device.CUDA, GPU_BUILD));
        assertTrue(ExecutionProviders.shouldTryCuda(Device.AUTO, GPU_BUILD));
        assertFalse(ExecutionProviders.shouldTryCuda(Device.AUTO, CPU_BUILD));
    }

    @Test
    void aFailedCudaStartFallsBackToCpu() throws OrtException {
        List<Boolean> attempts = new ArrayList<>();
        ExecutionProviders.Opened<String> opened = ExecutionProviders.open(Device.AUTO, GPU_BUILD, withCuda -> {
            attempts.add(withCuda);
            if (withCuda) {
                throw new OrtException("libcublasLt.so.12: cannot open shared object file");
            }
            return "cpu session";
        });
        assertEquals(List.of(true, false), attempts);
        assertEquals("cpu", opened.device());
        assertEquals("cpu session", opened.session());
        assertTrue(opened.fallback().contains("libcublasLt.so.12"), opened.fallback());
    }

    @Test
    void cpuNeverTouchesCuda() throws OrtException {
        List<Boolean> attempts = new ArrayList<>();
        ExecutionProviders.Opened<String> opened = ExecutionProviders.open(Device.CPU, GPU_BUILD, withCuda -> {
            attempts.add(withCuda);
            return "session";
        });
        assertEquals(List.of(false), attempts);
        assertNull(opened.fallback());
    }

    @Test
    void aWorkingCudaIsKept() throws OrtException {
        ExecutionProviders.Opened<String> opened = ExecutionProviders.open(Device.CUDA, GPU_BUILD,
                withCuda -> withCuda ? "gpu session" : "cpu session");
        assertEquals("cuda", opened.device());
        assertEquals("gpu session", opened.session());
    }

    @Test
    void theCpuAttemptsErrorPropagates() {
        assertThrows(OrtException.class, () -> ExecutionProviders.open(Device.CUDA, GPU_BUILD, withCuda -> {
            throw new OrtException("corrupt");
        }));
    }

    @Test
    void deviceSettingParses() {
        assertEquals(Device.CUDA, Device.parse(" Cuda "));
        assertEquals(Device.AUTO, Device.parse("auto"));
        assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
    }

    /**
     * With the CPU build of ONNX Runtime this really tries CUDA and falls back; on a host with CUDA 12 and the -Pcuda
     * build it runs on the GPU. Either way the model works.
     */
    @Test
    void realLoadWithDeviceCudaEndsOnAWorkingProvider() {
        try (OnnxLanguageModel model = OnnxLanguageModel.load(
                ModelSettings.of(TinyModel.directory()).withDevice(Device.CUDA))) {
            if (model.decoder().device().equals("cpu")) {
                assertNotNull(model.decoder().fallbackNote());
            }
            assertFalse(model.complete("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
                    org.lean3assist.model.GenerationConfig.defaults().withMaxNewTokens(4),
                    org.lean3assist.model.CancelCheck.NEVER).isEmpty());
        }
    }
}
