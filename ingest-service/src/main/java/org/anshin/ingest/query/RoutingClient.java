package org.anshin.ingest.query;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Asks routing-service for an incident's classified state ({@code GET /v1/incidents/{id}}, served from its
 * Kafka Streams state by interactive queries). Non-blocking: the request thread is released meanwhile.
 */
public final class RoutingClient {
    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;

    public RoutingClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Status and body as routing sent them; fails (exceptionally) when routing cannot be reached in time. */
    public CompletableFuture<HttpResponse<byte[]>> incident(String incidentId) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/v1/incidents/" + URLEncoder.encode(incidentId, StandardCharsets.UTF_8)))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
