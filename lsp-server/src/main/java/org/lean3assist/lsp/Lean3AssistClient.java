package org.lean3assist.lsp;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/** The editor as this server sees it: a standard LSP client plus the custom notifications it may handle. */
public interface Lean3AssistClient extends LanguageClient {

    /** Lean's and the model's state, for a status bar. Clients that do not know it ignore it. */
    @JsonNotification(Protocol.STATUS)
    default void status(Protocol.Status status) {}

    /** The followed place's goal, verdicts and search, as Lean judges; clients without a panel ignore it. */
    @JsonNotification(Protocol.SUGGESTIONS)
    default void suggestions(Protocol.SuggestionsReport report) {}
}
