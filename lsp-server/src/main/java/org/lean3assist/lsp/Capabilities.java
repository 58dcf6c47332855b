package org.lean3assist.lsp;

import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;

/** What the server advertises in {@code initialize}: only what it really implements. */
final class Capabilities {

    private Capabilities() {}

    static ServerCapabilities advertised() {
        var capabilities = new ServerCapabilities();
        var sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        capabilities.setTextDocumentSync(sync);
        capabilities.setHoverProvider(true);
        capabilities.setCodeActionProvider(new org.eclipse.lsp4j.CodeActionOptions(
                java.util.List.of(org.eclipse.lsp4j.CodeActionKind.RefactorRewrite)));
        capabilities.setExecuteCommandProvider(new org.eclipse.lsp4j.ExecuteCommandOptions(Protocol.COMMANDS));
        return capabilities;
    }
}
