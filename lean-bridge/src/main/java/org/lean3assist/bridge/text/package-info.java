/**
 * Text facts about Lean 3 sources that need no Lean process: positions in Lean's convention (line
 * from 1, column in Unicode code points from 0) and their conversion to UTF-16 positions, and a
 * small scanner that knows Lean 3's comments, strings and {@code begin}/{@code end} nesting.
 *
 * <p>Architecture Invariant: this package is the only place in the bridge that converts between
 * code-point columns and UTF-16 columns; its API uses plain ints and records so that the LSP
 * layer can call it without the bridge knowing LSP.
 */
package org.lean3assist.bridge.text;
