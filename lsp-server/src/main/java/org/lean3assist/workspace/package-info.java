/**
 * The Lean processes of a session, per project root: one editing {@code lean --server} for the
 * user's buffers, and a pool of checker Leans (sandboxed where the OS allows) with the verifier
 * that replays candidates on them; started on first use and shared by every file of that project.
 * Plain Java, no LSP: the language server and the command line both sit on it.
 */
package org.lean3assist.workspace;
