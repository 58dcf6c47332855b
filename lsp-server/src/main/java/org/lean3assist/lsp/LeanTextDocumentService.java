package org.lean3assist.lsp;

import java.util.logging.Logger;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/** Document synchronisation and the per-document requests (hover, code actions, ...). */
final class LeanTextDocumentService implements TextDocumentService, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeanTextDocumentService.class.getName());

    private final TextDocuments documents;
    private volatile LanguageClient client;

    LeanTextDocumentService(TextDocuments documents) {
        this.documents = documents;
    }

    void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        documents.open(item.getUri(), item.getVersion(), item.getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        if (documents.change(uri, params.getTextDocument().getVersion(), params.getContentChanges()).isEmpty()) {
            LOG.warning(() -> "ignoring a change to " + uri + ", which was never opened");
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        documents.close(params.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The server works from the editor's buffer; saving changes nothing it knows.
    }

    /** Reacts to new settings; called only when they differ from the previous ones. */
    void settingsChanged(org.lean3assist.lsp.settings.Settings previous, org.lean3assist.lsp.settings.Settings next) {
        // The Lean process and the model read their settings when they start; nothing else caches them yet.
    }

    @Override
    public void close() {
        // Nothing is held yet beyond memory.
    }
}
