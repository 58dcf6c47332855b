/**
 * ONNX Runtime: opening a model directory, checking the decoder's signature, choosing the execution provider, and
 * running one forward step.
 *
 * <p>{@link org.lean3assist.model.onnx.DecoderModel} is immutable after load (session + config); everything that
 * changes during one generation lives in {@link org.lean3assist.model.generate.GenerationState}.
 */
package org.lean3assist.model.onnx;
