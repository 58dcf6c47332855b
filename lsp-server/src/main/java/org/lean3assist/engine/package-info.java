/**
 * The LSP-free core that the language server and the command line both call: documents and their
 * snapshots, one project per {@code leanpkg.toml} root with its editing Lean and its checker pool,
 * the candidate sources, and plain functions (goal at a position, judged suggestions, formalize,
 * informalize). It imports neither LSP4J nor picocli nor the {@code lsp} and {@code cli} packages.
 */
package org.lean3assist.engine;
