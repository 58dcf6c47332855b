/**
 * The OS sandbox that replays of model output run in. {@link org.lean3assist.bridge.sandbox.Sandbox}
 * turns a command line into one that starts it under bubblewrap with no network, its own PID
 * space, a read-only view of the few paths a {@link org.lean3assist.bridge.sandbox.SandboxSpec}
 * names, one writable scratch directory, an empty environment and resource limits;
 * {@link org.lean3assist.bridge.sandbox.SandboxMode} is the user's choice between requiring that,
 * using it when the machine has it, and turning it off.
 *
 * <p>Architecture Invariant: whether the sandbox is "available" is decided by a trial run of the
 * exact command line real runs use, so a sandbox reported as working is the one that confines.
 * The package starts no long-lived process itself; it only builds command lines.
 */
package org.lean3assist.bridge.sandbox;
