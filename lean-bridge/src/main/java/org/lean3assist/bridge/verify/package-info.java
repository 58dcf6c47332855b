/**
 * Verified replay of candidate tactics: the {@link org.lean3assist.bridge.verify.SafetyFilter}
 * that keeps untrusted text away from Lean, the {@link org.lean3assist.bridge.verify.VariantBuilder}
 * that puts a candidate in place of the rest of a tactic block, the
 * {@link org.lean3assist.bridge.verify.ReplayClassifier} that reads Lean's verdict from its
 * messages, and the {@link org.lean3assist.bridge.verify.Verifier} that runs replays on shadow
 * files, concurrently and cancellably.
 *
 * <p>Architecture Invariant: no candidate text reaches a transport without passing the safety
 * filter, and replays never write under the user's own file name.
 */
package org.lean3assist.bridge.verify;
