/**
 * The bridge benchmark: verifying candidates through one long-lived Lean server against
 * checking the same variants with one-shot {@code lean --json FILE} processes.
 */
package org.lean3assist.bridge.bench;
