package org.lean3assist.model;

import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same suite on a real exported model directory (see model/README.md), for example
 * {@code LEAN3ASSIST_MODEL_DIR=~/models/internlm2-math-7b-int4 ./mvnw -B -pl model verify}; add
 * {@code LEAN3ASSIST_DEVICE=cuda} for the GPU build. Skipped, with this reason in the report, when unset.
 */
@EnabledIfEnvironmentVariable(named = "LEAN3ASSIST_MODEL_DIR", matches = ".+",
        disabledReason = "LEAN3ASSIST_MODEL_DIR is not set: no real model directory to test")
class RealModelSuiteTest extends DecoderSuite {

    @Override
    Path modelDirectory() {
        return Path.of(System.getenv("LEAN3ASSIST_MODEL_DIR"));
    }
}
