package org.lean3assist.model.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the remote completions server is.
 *
 * @param baseUrl   the server root ({@code http://host:8000}) or its {@code /v1} path; {@code /v1/completions} is
 *                  appended as needed
 * @param modelName the {@code model} field of each request (vLLM wants the served model name; llama.cpp ignores it)
 * @param timeout   for connecting and for each request; default 60 s
 * @param apiKey    sent as a bearer token when not null; default null
 */
public record RemoteSettings(URI baseUrl, String modelName, Duration timeout, String apiKey) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public RemoteSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    /** The default timeout and no API key. */
    public static RemoteSettings of(URI baseUrl, String modelName) {
        return new RemoteSettings(baseUrl, modelName, DEFAULT_TIMEOUT, null);
    }

    public RemoteSettings withTimeout(Duration value) {
        return new RemoteSettings(baseUrl, modelName, value, apiKey);
    }

    /** The same settings with a bearer token (null for none). */
    public RemoteSettings withApiKey(String value) {
        return new RemoteSettings(baseUrl, modelName, timeout, value);
    }

    /** The completions endpoint for {@link #baseUrl}. */
    public URI completionsUri() {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base.endsWith("/v1") ? base + "/completions" : base + "/v1/completions");
    }
}
