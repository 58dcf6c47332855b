/**
 * The server's settings: one typed, documented tree under {@code lean3Assist}, with defaults. The
 * VS Code extension's {@code package.json} mirrors it, and a test keeps the two in agreement.
 */
package org.lean3assist.lsp.settings;
