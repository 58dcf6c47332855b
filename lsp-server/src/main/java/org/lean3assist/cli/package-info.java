/**
 * The command-line front door: one picocli command tree ({@code lean3-assist lsp | goal | suggest | ...})
 * that parses arguments, turns them into settings objects and hands off to the language server or to a
 * one-shot job. Nothing here knows Lean or the model beyond calling their public APIs.
 */
package org.lean3assist.cli;
