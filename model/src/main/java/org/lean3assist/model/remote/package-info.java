/**
 * The remote backend: a client of the OpenAI-compatible {@code /v1/completions} API that vLLM, TGI and llama.cpp's
 * server speak, behind the same {@link org.lean3assist.model.LanguageModel} interface as the local ONNX backend.
 * Uses only the JDK's {@code java.net.http} client and Jackson.
 */
package org.lean3assist.model.remote;
