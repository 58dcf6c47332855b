/**
 * Lean 3's server protocol as typed data: the requests the bridge writes, a record for each reply
 * and pushed message, and {@link org.lean3assist.bridge.protocol.LeanClient}, which matches
 * replies to requests by {@code seq_num} on {@link java.util.concurrent.CompletableFuture}s.
 *
 * <p>Architecture Invariant: this package knows JSON lines, not processes; it writes through a
 * {@link org.lean3assist.bridge.transport.Transport} and is fed the lines that transport reads.
 */
package org.lean3assist.bridge.protocol;
