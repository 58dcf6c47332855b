package org.lean3assist.lsp;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * One piece of long work shown to the user ("Checking basics.lean"). Clients without
 * {@code window.workDoneProgress} get {@link #NONE}, so callers never ask whether progress is shown.
 */
interface Progress extends AutoCloseable {

    /** Updates the message under the title. */
    void report(String message);

    /** Ends the progress; safe to call more than once. */
    @Override
    void close();

    /** Starts progress items; {@link #NONE_FACTORY} for clients that cannot show them. */
    interface Factory {
        Progress begin(String title);
    }

    Progress NONE = new Progress() {
        @Override
        public void report(String message) {}

        @Override
        public void close() {}
    };

    Factory NONE_FACTORY = title -> NONE;

    /** Work-done progress over LSP: create a token, then begin, report and end on it. */
    static Factory over(LanguageClient client) {
        return title -> new LspProgress(client, title);
    }

    /** The LSP implementation; messages sent before the client accepted the token wait for it. */
    final class LspProgress implements Progress {

        private static final Logger LOG = Logger.getLogger(LspProgress.class.getName());

        private final LanguageClient client;
        private final Either<String, Integer> token = Either.forLeft("lean3-assist-" + UUID.randomUUID());
        private final CompletableFuture<Void> created;
        private boolean ended;

        LspProgress(LanguageClient client, String title) {
            this.client = client;
            this.created = client.createProgress(new WorkDoneProgressCreateParams(token))
                    .thenRun(() -> {
                        var begin = new WorkDoneProgressBegin();
                        begin.setTitle(title);
                        begin.setCancellable(false);
                        client.notifyProgress(new ProgressParams(token, Either.forLeft(begin)));
                    });
            created.exceptionally(error -> {
                LOG.log(Level.FINE, "the client refused a progress token", error);
                return null;
            });
        }

        @Override
        public synchronized void report(String message) {
            if (ended) {
                return;
            }
            created.thenRun(() -> {
                var report = new WorkDoneProgressReport();
                report.setMessage(message);
                client.notifyProgress(new ProgressParams(token, Either.forLeft(report)));
            });
        }

        @Override
        public synchronized void close() {
            if (ended) {
                return;
            }
            ended = true;
            created.thenRun(() -> client.notifyProgress(new ProgressParams(token, Either.forLeft(new WorkDoneProgressEnd()))));
        }
    }
}
