package org.lean3assist.model;

/**
 * What a loaded backend is, for status displays and logs.
 *
 * @param name      the model directory's name, or the remote model name
 * @param backend   {@code onnx} or {@code remote}
 * @param device    where it runs: {@code cpu}, {@code cuda}, or the remote URL
 * @param vocabSize the tokenizer's vocabulary size; 0 when unknown (remote)
 * @param numLayers decoder layers; 0 when unknown (remote)
 */
public record ModelInfo(String name, String backend, String device, int vocabSize, int numLayers) {
}
