/**
 * Text to token ids and back: the {@link org.lean3assist.model.tokenizer.Tokenizer} interface, its implementation
 * on DJL's Hugging Face tokenizers binding, and {@link org.lean3assist.model.tokenizer.StreamingDecoder} for
 * incremental text that keeps leading spaces and multi-byte characters intact.
 */
package org.lean3assist.model.tokenizer;
