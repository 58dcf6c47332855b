package org.lean3assist.lsp;

import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.lean3assist.engine.suggest.CandidateSource;

/**
 * An in-process server on the real Lean this machine has, for the gated tests in another package;
 * it opens the package-private test client to them.
 */
public final class RealLeanHarness implements AutoCloseable {

    /** The recorded data the gated tests compare with. */
    public static final Data DATA = new Data();

    private final LspTestClient client;

    private RealLeanHarness(LspTestClient client) {
        this.client = client;
    }

    /** A server with a real Lean and the given candidate sources, initialized. */
    public static RealLeanHarness start(List<CandidateSource> sources) throws Exception {
        var parts = org.lean3assist.engine.EngineParts.product().withModel(settings -> Optional.empty()).withCandidateSources(model -> sources);
        var client = new LspTestClient(parts);
        client.initialize();
        return new RealLeanHarness(client);
    }

    /**
     * A server with a real Lean and {@code model} as its model (whatever the settings name), initialized, with the
     * model loaded; the caller closes the model.
     */
    public static RealLeanHarness withModel(org.lean3assist.engine.suggest.MathModel model) throws Exception {
        var parts = org.lean3assist.engine.EngineParts.product().withModel(settings -> Optional.of(model));
        var client = new LspTestClient(parts);
        client.initialize();
        client.remote.initialized(new org.eclipse.lsp4j.InitializedParams());
        client.remote.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(
                com.google.gson.JsonParser.parseString("{\"model\": {\"path\": \"given\"}}")));
        LspTestClient.await("model ready", () -> client.statuses.stream().anyMatch(status -> status.model().startsWith("ready")));
        return new RealLeanHarness(client);
    }

    public LspTestClient client() {
        return client;
    }

    /** The last diagnostics published for {@code uri}, once Lean has checked it. */
    public PublishDiagnosticsParams awaitDiagnostics(String uri) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (client.diagnostics.stream().noneMatch(d -> d.getUri().equals(uri))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no diagnostics for " + uri);
            }
            Thread.sleep(20);
        }
        return client.diagnostics.stream().filter(d -> d.getUri().equals(uri)).reduce((a, b) -> b).orElseThrow();
    }

    @Override
    public void close() throws Exception {
        client.close();
    }

    /** {@link RecordedLean}'s lookups, public. */
    public static final class Data {
        public CandidateSource recorded(String name) {
            return RecordedLean.recordedCandidates(name);
        }

        public String recordedGoal(String name, int line, int column) {
            return RecordedLean.recordedGoal(name, line, column);
        }

        public String recordedStatus(String name, int line, int column, String candidate) {
            return RecordedLean.recordedStatus(name, line, column, candidate);
        }
    }
}
