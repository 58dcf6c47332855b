package org.lean3assist.model;

import java.nio.file.Path;

/** The model-independent suite on the committed tiny model; always runs. */
class TinyModelSuiteTest extends DecoderSuite {

    @Override
    Path modelDirectory() {
        return TinyModel.directory();
    }
}
