package org.anshin.notifier.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * webhook, slack, pagerduty and alertmanager: one JSON POST each, differing only in body and path.
 * Every request carries {@code Idempotency-Key}, so a receiver that sees a retry can drop it. A webhook channel
 * may add configured headers and, with a {@code secret}, signs every attempt the Standard Webhooks way.
 */
public final class HttpJsonChannel implements Channel {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int SNIPPET = 200;

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI target;
    private final Duration timeout;
    private final BiFunction<ObjectMapper, Outbound, JsonNode> body;
    private final Map<String, String> headers;
    private final Optional<SigningSecret> secret;
    private final Clock clock;
    /** Ends attempts past their timeout; null: a per-attempt delayed task (channels made outside {@link Channels}). */
    private final AttemptTimers timers;

    public HttpJsonChannel(HttpClient http, ObjectMapper json, URI target, Duration timeout,
                           BiFunction<ObjectMapper, Outbound, JsonNode> body) {
        this(http, json, target, timeout, body, Map.of(), Optional.empty(), Clock.systemUTC());
    }

    HttpJsonChannel(HttpClient http, ObjectMapper json, URI target, Duration timeout,
                    BiFunction<ObjectMapper, Outbound, JsonNode> body, AttemptTimers timers) {
        this(http, json, target, timeout, body, Map.of(), Optional.empty(), Clock.systemUTC(), timers);
    }

    /**
     * @param headers extra request headers (a webhook channel's {@code headers}, values already resolved)
     * @param secret  signs every attempt (Standard Webhooks) when present; empty: unsigned
     * @param clock   the source of each attempt's {@code webhook-timestamp}
     */
    public HttpJsonChannel(HttpClient http, ObjectMapper json, URI target, Duration timeout,
                           BiFunction<ObjectMapper, Outbound, JsonNode> body, Map<String, String> headers,
                           Optional<SigningSecret> secret, Clock clock) {
        this(http, json, target, timeout, body, headers, secret, clock, null);
    }

    HttpJsonChannel(HttpClient http, ObjectMapper json, URI target, Duration timeout,
                    BiFunction<ObjectMapper, Outbound, JsonNode> body, Map<String, String> headers,
                    Optional<SigningSecret> secret, Clock clock, AttemptTimers timers) {
        this.timers = timers;
        this.http = http;
        this.json = json;
        this.target = target;
        this.timeout = timeout;
        this.body = body;
        this.headers = Map.copyOf(headers);
        this.secret = secret;
        this.clock = clock;
    }

    /** Builds the channel of an HTTP type; alertmanager URLs get {@code /api/v2/alerts} unless they name it. */
    public static HttpJsonChannel of(ChannelSpec spec, HttpClient http, ObjectMapper json, Duration timeout) {
        return of(spec, http, json, timeout, null);
    }

    static HttpJsonChannel of(ChannelSpec spec, HttpClient http, ObjectMapper json, Duration timeout,
                              AttemptTimers timers) {
        return switch (spec.type()) {
            case WEBHOOK -> new HttpJsonChannel(http, json, spec.url(), timeout,
                    AdvisoryBodies.or(ChannelType.WEBHOOK, WebhookBody::render),
                    spec.options().headers(), spec.options().secret(), Clock.systemUTC(), timers);
            case SLACK -> new HttpJsonChannel(http, json, spec.url(), timeout,
                    AdvisoryBodies.or(ChannelType.SLACK, SlackBody::render), timers);
            case PAGERDUTY -> new HttpJsonChannel(http, json, spec.url(), timeout,
                    AdvisoryBodies.or(ChannelType.PAGERDUTY, PagerDutyBody::render), timers);
            case ALERTMANAGER -> new HttpJsonChannel(http, json, alertsEndpoint(spec.url()), timeout,
                    AdvisoryBodies.or(ChannelType.ALERTMANAGER, AlertmanagerBody::render), timers);
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

    /**
     * The request of one attempt. Signed afresh each time: {@code webhook-id} is the message's idempotency key
     * (the same for every retry and restart, so a receiver deduplicates on it), {@code webhook-timestamp} the
     * attempt's own time (receivers reject old timestamps, so a retry must not reuse the first one), and the
     * signature covers exactly the bytes sent.
     */
    private HttpRequest request(Outbound message, byte[] bytes) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(IDEMPOTENCY_KEY, message.idempotencyKey())
                .header("User-Agent", "anshin-notifier");
        headers.forEach(b::header);
        secret.ifPresent(s -> {
            long now = clock.instant().getEpochSecond();
            b.header(StandardWebhooks.ID, message.idempotencyKey())
                    .header(StandardWebhooks.TIMESTAMP, Long.toString(now))
                    .header(StandardWebhooks.SIGNATURE,
                            StandardWebhooks.sign(message.idempotencyKey(), now, bytes, s.key()));
        });
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
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
        HttpRequest request;
        try {
            request = request(message, bytes);
        } catch (IllegalArgumentException e) {
            // a header value the HTTP client refuses (ChannelSpecs checks names; a value may still hold a newline).
            // Its message quotes the value, which may be a secret: not passed on.
            return CompletableFuture.completedFuture(SendResult.permanent("cannot build the request: a header "
                    + "value the HTTP client refuses (a line break or other control character)"));
        }
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, BoundedBody.handler(BoundedBody.LIMIT));
        // the request timeout ends at the response headers: a receiver dripping its body is bounded here
        if (timers != null) {
            timers.bound(exchange, timeout);
        } else {
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> exchange.cancel(true));
        }
        return exchange.handle((response, failure) -> {
            if (failure == null) {
                String text = response.body() == null ? "" : Texts.truncate(response.body().strip(), SNIPPET);
                // a throttling or busy receiver may say when to come back (seconds or an HTTP date)
                return SendResult.ofHttpStatus(response.statusCode(), text,
                        response.headers().firstValue("Retry-After").orElse(null), java.time.Instant.now());
            }
            return SendResult.ofHttpFailure(failure, timeout);
        });
    }
}
