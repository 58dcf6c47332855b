package org.lean3assist.model.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.Completion;
import org.lean3assist.model.GenerationConfig;
import org.lean3assist.model.LanguageModel;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelException.Reason;
import org.lean3assist.model.ModelInfo;
import org.lean3assist.model.generate.FinishReason;

/**
 * {@link LanguageModel} over an OpenAI-compatible completions server.
 *
 * <p>Each candidate is its own request with {@code n = 1}, sent concurrently: llama.cpp's server ignores {@code n},
 * and vLLM refuses {@code n > 1} for greedy requests. Candidate {@code i} uses the same temperature and seed as row
 * {@code i} of the local backend, so both backends ask for the same thing.
 */
public final class RemoteLanguageModel implements LanguageModel {

    private static final long CANCEL_POLL_MILLIS = 25;

    private final RemoteSettings settings;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean closed;

    private RemoteLanguageModel(RemoteSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Creates the client; nothing is sent until the first request. */
    public static RemoteLanguageModel create(RemoteSettings settings) {
        return new RemoteLanguageModel(settings);
    }

    @Override
    public List<Completion> complete(String prompt, GenerationConfig config, CancelCheck cancel) {
        return Completion.rankDistinct(sample(prompt, config, cancel));
    }

    @Override
    public List<Completion> sample(String prompt, GenerationConfig config, CancelCheck cancel) {
        if (closed) {
            throw new ModelException(Reason.CLOSED, "The remote model " + settings.modelName() + " was used after close().");
        }
        if (cancel.isCancelled()) {
            return List.of();
        }
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int row = 0; row < config.numCandidates(); row++) {
            pending.add(client.sendAsync(request(prompt, config, row), HttpResponse.BodyHandlers.ofString()));
        }
        List<Completion> completions = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> future : pending) {
            HttpResponse<String> response = await(future, pending, cancel);
            if (response == null) {
                return completions;
            }
            completions.addAll(parse(response));
        }
        return completions;
    }

    /** The JSON body of candidate {@code row}; package-visible for tests. */
    String body(String prompt, GenerationConfig config, int row) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.modelName());
        body.put("prompt", prompt);
        body.put("max_tokens", config.maxNewTokens());
        body.put("temperature", config.temperatureOfRow(row));
        body.put("top_p", config.topP());
        if (config.topK() > 0) {
            body.put("top_k", config.topK());
        }
        body.put("n", 1);
        body.put("seed", config.seedOfRow(row));
        body.put("logprobs", 1);
        if (!config.stopStrings().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            config.stopStrings().forEach(stop::add);
        }
        return body.toString();
    }

    private HttpRequest request(String prompt, GenerationConfig config, int row) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.completionsUri())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(prompt, config, row)));
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }

    /** Waits for one response while polling the cancel check; null when cancelled. */
    private HttpResponse<String> await(CompletableFuture<HttpResponse<String>> future,
                                       List<CompletableFuture<HttpResponse<String>>> all, CancelCheck cancel) {
        while (true) {
            if (cancel.isCancelled()) {
                all.forEach(f -> f.cancel(true));
                return null;
            }
            try {
                return future.get(CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Not yet; poll the cancel check again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                all.forEach(f -> f.cancel(true));
                return null;
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            }
        }
    }

    private ModelException failure(Throwable cause) {
        String where = settings.completionsUri().toString();
        if (cause instanceof HttpTimeoutException) {
            return new ModelException(Reason.REMOTE_TIMEOUT, "The completions server at " + where
                    + " did not answer within " + settings.timeout().toMillis() + " ms.", cause);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return new ModelException(Reason.REMOTE_UNAVAILABLE, "Cannot reach the completions server at " + where
                    + ": " + cause, cause);
        }
        return new ModelException(Reason.REMOTE_UNAVAILABLE, "Request to " + where + " failed: " + cause, cause);
    }

    private List<Completion> parse(HttpResponse<String> response) {
        String where = settings.completionsUri().toString();
        if (response.statusCode() != 200) {
            throw new ModelException(Reason.REMOTE_UNAVAILABLE, "The completions server at " + where + " answered HTTP "
                    + response.statusCode() + ": " + excerpt(response.body()));
        }
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (IOException e) {
            throw new ModelException(Reason.REMOTE_BAD_RESPONSE, "The server at " + where
                    + " did not answer with JSON: " + excerpt(response.body()), e);
        }
        JsonNode choices = root == null ? null : root.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new ModelException(Reason.REMOTE_BAD_RESPONSE, "The answer of " + where
                    + " has no 'choices' (is it an OpenAI-compatible completions endpoint?): "
                    + excerpt(response.body()));
        }
        List<Completion> completions = new ArrayList<>();
        for (JsonNode choice : choices) {
            JsonNode text = choice.get("text");
            if (text == null || !text.isTextual()) {
                throw new ModelException(Reason.REMOTE_BAD_RESPONSE, "A choice from " + where + " has no 'text': "
                        + excerpt(choice.toString()));
            }
            JsonNode tokenLogProbs = choice.path("logprobs").path("token_logprobs");
            double logProb = Double.NaN;
            int tokens = root.path("usage").path("completion_tokens").asInt(0);
            if (tokenLogProbs.isArray() && tokenLogProbs.size() > 0) {
                logProb = 0;
                for (JsonNode value : tokenLogProbs) {
                    logProb += value.asDouble();
                }
                tokens = tokenLogProbs.size();
            }
            FinishReason reason = "length".equals(choice.path("finish_reason").asText())
                    ? FinishReason.MAX_NEW_TOKENS : FinishReason.STOP_TOKEN;
            completions.add(new Completion(text.asText(), logProb, tokens, reason));
        }
        return completions;
    }

    private static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(settings.modelName(), "remote", settings.completionsUri().toString(), 0, 0);
    }

    @Override
    public void close() {
        closed = true;
    }
}
