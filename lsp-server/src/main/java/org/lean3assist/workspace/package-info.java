/**
 * The Lean processes of a session: one {@code lean --server} (and its verifier) per project root,
 * started on first use and shared by every file of that project. Plain Java, no LSP: the language
 * server and the command line both sit on it.
 */
package org.lean3assist.workspace;
