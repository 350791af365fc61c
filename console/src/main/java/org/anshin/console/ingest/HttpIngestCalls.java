package org.anshin.console.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.anshin.console.IngestAnswer;
import org.anshin.console.IngestCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ingest-service's API over java.net.http. An unreachable or timed-out ingest is answered as a 503 problem
 * document; the token travels only in the Authorization header and never appears in a log line or an error.
 */
public final class HttpIngestCalls implements IngestCalls {
    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestCalls.class);
    static final String UNREACHABLE = "{\"type\":\"/problems/unavailable\",\"title\":\"ingest-service unreachable\","
            + "\"status\":503,\"detail\":\"the console could not reach ingest-service; try again shortly\"}";
    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    public HttpIngestCalls(URI base, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CompletableFuture<IngestAnswer> post(String path, String bearerToken, String jsonBody) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + bearerToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new IngestAnswer(r.statusCode(), r.body()))
                .exceptionally(e -> {
                    LOG.warn("ingest-service at {} not reachable for POST {}: {}", base, path,
                            e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
                    return new IngestAnswer(503, UNREACHABLE);
                });
    }
}
