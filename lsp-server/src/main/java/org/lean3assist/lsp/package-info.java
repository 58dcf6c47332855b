/**
 * The language server: LSP4J services, the conversions between LSP types and the core modules' types,
 * and the launcher that connects them to a transport (stdio or a loopback socket). This is the only
 * package tree in the project that imports {@code org.eclipse.lsp4j}.
 */
package org.lean3assist.lsp;
