/**
 * The bridge between the language server and Lean 3: {@link org.lean3assist.bridge.LeanServer}
 * owns a Lean server process across crashes and restarts and keeps the editor's documents in it;
 * {@link org.lean3assist.bridge.LeanBridgeSettings} holds every knob with its default.
 *
 * <p>Architecture Invariant: the bridge knows Lean, not LSP and not the model. Its API speaks in
 * paths, Lean positions and records of its own; the LSP layer converts at its edge.
 */
package org.lean3assist.bridge;
