package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.junit.jupiter.api.Test;

class InitializeTest {

    @Test
    void initializeAdvertisesIncrementalSyncAndNamesTheServer() throws Exception {
        try (var client = new LspTestClient()) {
            var result = client.initialize();

            var sync = result.getCapabilities().getTextDocumentSync().getRight();
            assertNotNull(sync, "text document sync is advertised as options");
            assertEquals(TextDocumentSyncKind.Incremental, sync.getChange());
            assertTrue(sync.getOpenClose());
            assertEquals("lean3-assist", result.getServerInfo().getName());
            assertTrue(result.getServerInfo().getVersion().matches("\\d+\\.\\d+\\.\\d+.*"),
                    result.getServerInfo().getVersion());
        }
    }

    @Test
    void exitAfterShutdownReportsSuccessAndExitWithoutShutdownReportsFailure() throws Exception {
        try (var client = new LspTestClient()) {
            client.initialize();
            client.remote.shutdown().get(10, TimeUnit.SECONDS);
            client.remote.exit();
            client.server.exited().get(10, TimeUnit.SECONDS);
            assertEquals(java.util.List.of(0), client.exitCodes);
        }
        try (var client = new LspTestClient()) {
            client.initialize();
            client.remote.exit();
            client.server.exited().get(10, TimeUnit.SECONDS);
            assertEquals(java.util.List.of(1), client.exitCodes);
        }
    }
}
