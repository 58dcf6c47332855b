package org.lean3assist.lsp;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The server as a Java LSP client sees it: standard LSP plus this server's custom requests. A
 * client must know a custom method's result type to read its answer, so it uses this interface as
 * its remote interface.
 */
public interface Lean3AssistLanguageServer extends LanguageServer {

    /** The goal at a position as Markdown and as each goal's text; null outside a proof. */
    @JsonRequest(value = Protocol.PLAIN_GOAL, useSegment = false)
    CompletableFuture<Protocol.PlainGoal> plainGoal(TextDocumentPositionParams params);

    /** Follows a place: the server pushes {@value Protocol#SUGGESTIONS} for it from now on. */
    @JsonRequest(value = Protocol.FOLLOW, useSegment = false)
    CompletableFuture<Protocol.FollowResult> follow(Protocol.FollowParams params);

    /** Stops the searches running from a followed place. */
    @JsonRequest(value = Protocol.STOP_SEARCH, useSegment = false)
    CompletableFuture<Protocol.StopSearchResult> stopSearch(Protocol.StopSearchParams params);
}
