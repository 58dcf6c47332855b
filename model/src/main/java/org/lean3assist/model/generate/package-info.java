/**
 * The decode loop: {@link org.lean3assist.model.generate.Generator} runs a
 * {@link org.lean3assist.model.onnx.DecoderModel} step by step, keeping the KV cache as ONNX Runtime values in a
 * {@link org.lean3assist.model.generate.GenerationState}, choosing tokens with a
 * {@link org.lean3assist.model.generate.Sampler}, and ending each sequence with a
 * {@link org.lean3assist.model.generate.FinishReason}.
 */
package org.lean3assist.model.generate;
