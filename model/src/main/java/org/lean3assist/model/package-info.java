/**
 * The model module's facade: what the language server calls to get completions from a decoder model.
 *
 * <p>It owns {@link org.lean3assist.model.LanguageModel} (one interface for the local ONNX backend and the remote
 * OpenAI-compatible backend), the settings records, {@link org.lean3assist.model.MathAssistant} (tactic suggestion,
 * formalization, informalization through a prompt profile) and {@link org.lean3assist.model.ModelException}.
 *
 * <p>Architecture Invariant: this module knows ONNX Runtime, tokenizers and prompts; it knows neither LSP nor Lean's
 * server protocol. Tactic states come in as plain strings and suggestions go out as plain strings.
 */
package org.lean3assist.model;
