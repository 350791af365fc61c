package org.anshin.notifier.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * webhook, slack, pagerduty and alertmanager: one JSON POST each, differing only in body and path.
 * Every request carries {@code Idempotency-Key}, so a receiver that sees a retry can drop it.
 */
public final class HttpJsonChannel implements Channel {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int SNIPPET = 200;

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI target;
    private final Duration timeout;
    private final BiFunction<ObjectMapper, Outbound, JsonNode> body;

    public HttpJsonChannel(HttpClient http, ObjectMapper json, URI target, Duration timeout,
                           BiFunction<ObjectMapper, Outbound, JsonNode> body) {
        this.http = http;
        this.json = json;
        this.target = target;
        this.timeout = timeout;
        this.body = body;
    }

    /** Builds the channel of an HTTP type; alertmanager URLs get {@code /api/v2/alerts} unless they name it. */
    public static HttpJsonChannel of(ChannelSpec spec, HttpClient http, ObjectMapper json, Duration timeout) {
        return switch (spec.type()) {
            case WEBHOOK -> new HttpJsonChannel(http, json, spec.url(), timeout, WebhookBody::render);
            case SLACK -> new HttpJsonChannel(http, json, spec.url(), timeout, SlackBody::render);
            case PAGERDUTY -> new HttpJsonChannel(http, json, spec.url(), timeout, PagerDutyBody::render);
            case ALERTMANAGER -> new HttpJsonChannel(http, json, alertsEndpoint(spec.url()), timeout,
                    AlertmanagerBody::render);
            case EMAIL -> throw new IllegalArgumentException("email is not an HTTP channel");
        };
    }

    static URI alertsEndpoint(URI base) {
        String s = base.toString();
        if (s.endsWith("/api/v2/alerts")) {
            return base;
        }
        return URI.create(s.replaceAll("/+$", "") + "/api/v2/alerts");
    }

    @Override
    public SendResult send(Outbound message) {
        return sendAsync(message).join();
    }

    /**
     * Non-blocking: the JDK client sends and reads on its own threads, the caller gets the future at once. The
     * whole attempt (connect, request, response headers, the bounded body) must end within the timeout; after it
     * the exchange is cancelled (which aborts the connection) and the attempt counts as a retryable timeout.
     */
    @Override
    public CompletableFuture<SendResult> sendAsync(Outbound message) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body.apply(json, message));
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(SendResult.permanent("cannot render body: " + e.getMessage()));
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(IDEMPOTENCY_KEY, message.idempotencyKey())
                .header("User-Agent", "anshin-notifier")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, BoundedBody.handler(BoundedBody.LIMIT));
        // the request timeout ends at the response headers: a receiver dripping its body is bounded here
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> exchange.cancel(true));
        return exchange.handle((response, failure) -> {
            if (failure == null) {
                String text = response.body() == null ? "" : Texts.truncate(response.body().strip(), SNIPPET);
                // a throttling or busy receiver may say when to come back (seconds or an HTTP date)
                return SendResult.ofHttpStatus(response.statusCode(), text,
                        response.headers().firstValue("Retry-After").orElse(null), java.time.Instant.now());
            }
            Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            if (e instanceof HttpTimeoutException || e instanceof CancellationException) {
                return SendResult.retryable("timeout after " + timeout.toMillis() + " ms");
            }
            if (e instanceof IOException) {
                return SendResult.retryable(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return SendResult.retryable(e.toString());
        });
    }
}
