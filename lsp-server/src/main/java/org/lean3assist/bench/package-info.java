/**
 * Benchmarks that measure the language server against its own baseline in the same run: a hover
 * over LSP against the bridge's raw goal query, and the time until the first verified suggestion.
 */
package org.lean3assist.bench;
