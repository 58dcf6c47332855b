/**
 * Where suggestions come from and how they are merged: the model's tactics and a model-free
 * portfolio built from the goal, deduplicated, sent through the bridge's verifier, and ranked. This
 * package joins {@code lean-bridge} and {@code model} and knows nothing of LSP, so the language
 * server and the command line share it.
 */
package org.lean3assist.engine.suggest;
