/**
 * The model bench behind {@code ./lean3-assist bench model}: prefill time, decode speed, the decode loop's overhead
 * over bare {@code OrtSession.run} calls, and the KV cache's speed-up over recomputing the prefix, all measured in
 * one run on the same inputs.
 */
package org.lean3assist.model.bench;
