/**
 * Moving JSON lines to and from a Lean 3 server: the {@link org.lean3assist.bridge.transport.Transport}
 * interface and {@link org.lean3assist.bridge.transport.ProcessTransport}, a real
 * {@code lean --server} child with its own reader threads. Tests replay recorded transcripts
 * through the same interface.
 *
 * <p>Architecture Invariant: nothing here writes to the JVM's stdout, which belongs to the LSP
 * connection; Lean's stderr goes to {@link java.util.logging}.
 */
package org.lean3assist.bridge.transport;
