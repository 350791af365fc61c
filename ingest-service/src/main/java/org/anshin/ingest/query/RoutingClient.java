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
 * Asks routing-service for the view of one operator's incident ({@code GET
 * /v1/operators/{operatorId}/incidents/{incidentId}}, served from its Kafka Streams state by interactive
 * queries), with the internal token routing requires. Non-blocking: the request thread is released meanwhile.
 */
public final class RoutingClient {
    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final String authorization;

    public RoutingClient(String baseUrl, Duration timeout, String internalToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.authorization = "Bearer " + internalToken;
    }

    /** Status and body as routing sent them; fails (exceptionally) when routing cannot be reached in time. */
    public CompletableFuture<HttpResponse<byte[]>> incident(String operatorId, String incidentId, boolean exercise) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/operators/" + encode(operatorId)
                        + "/incidents/" + encode(incidentId) + "?exercise=" + exercise))
                .timeout(timeout).header("Accept", "application/json").header("Authorization", authorization)
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * {@code GET /v1/advisories?operator=&exercise=&since=&cursor=&limit=}: the advisories addressed to that
     * operator's sectors and allowed by their TLP, newest first; {@code since} and {@code cursor} may be null.
     */
    public CompletableFuture<HttpResponse<byte[]>> advisories(String operatorId, boolean exercise, String since,
                                                              String cursor, int limit) {
        StringBuilder query = new StringBuilder("?operator=").append(encode(operatorId)).append("&exercise=")
                .append(exercise).append("&limit=").append(limit);
        if (since != null) {
            query.append("&since=").append(encode(since));
        }
        if (cursor != null) {
            query.append("&cursor=").append(encode(cursor));
        }
        return get("/v1/advisories" + query);
    }

    /**
     * {@code GET /v1/advisories/{advisoryId}[?operator=]}: with an operator, the advisory as listed to it (404 unless
     * addressed to it); without, the whole record with its counts (for the issuer or NISC, which ingest checks).
     */
    public CompletableFuture<HttpResponse<byte[]>> advisory(String advisoryId, String operatorIdOrNull) {
        return get("/v1/advisories/" + encode(advisoryId)
                + (operatorIdOrNull == null ? "" : "?operator=" + encode(operatorIdOrNull)));
    }

    /** {@code GET /v1/records/{incidentKey}}: one incident's record (its sector, TLP and whether it is a drill). */
    public CompletableFuture<HttpResponse<byte[]>> record(String incidentKey) {
        return get("/v1/records/" + encode(incidentKey));
    }

    private CompletableFuture<HttpResponse<byte[]>> get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout).header("Accept", "application/json").header("Authorization", authorization)
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "RoutingClient[" + baseUrl + "]"; // never the token
    }
}
