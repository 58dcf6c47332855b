/**
 * Test support built from the shared Lean 3 recordings: loading them with their placeholders
 * expanded, and a {@link org.lean3assist.bridge.testing.ScriptedTransport} that answers
 * requests with what Lean answered when they were recorded.
 */
package org.lean3assist.bridge.testing;
