package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.anshin.notifier.Notices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
    /** What one request to the test server carried. */
    private record Seen(Map<String, List<String>> headers, byte[] body) {
    }

    private final AtomicReference<Seen> seen = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", ex -> {
            try (ex) {
                seen.set(new Seen(Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes()));
                ex.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /**
     * The vector the Standard Webhooks reference libraries test their signers with (libraries/java WebhookTest
     * and libraries/go webhook_test.go of standard-webhooks/standard-webhooks: verifyWebhookSignWorks /
     * TestWebhookSign); recomputed with Python's hmac and base64 as a check.
     */
    @Test
    void signsThePublishedVector() {
        SigningSecret key = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String signature = StandardWebhooks.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), key.key());
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anyChangeToIdTimestampOrBodyChangesTheSignature() {
        byte[] key = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").key();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String base = StandardWebhooks.sign("id", 100, body, key);
        assertThat(StandardWebhooks.sign("id2", 100, body, key)).isNotEqualTo(base);
        assertThat(StandardWebhooks.sign("id", 101, body, key)).isNotEqualTo(base);
        assertThat(StandardWebhooks.sign("id", 100, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), key))
                .isNotEqualTo(base);
        assertThat(StandardWebhooks.sign("id", 100, body, key)).isEqualTo(base);
    }

    @Test
    void aWebhookWithASecretSignsTheExactBytesSentWithTheAttemptsTimeAndAddsItsHeaders() {
        SigningSecret secret = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        Instant now = Instant.parse("2026-11-25T01:02:03Z");
        HttpJsonChannel channel = new HttpJsonChannel(HttpClient.newHttpClient(), new ObjectMapper(), url(),
                Duration.ofSeconds(5), WebhookBody::render, Map.of("Authorization", "Bearer t0ken"),
                Optional.of(secret), Clock.fixed(now, ZoneOffset.UTC));
        Outbound m = new Outbound(Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook"),
                List.of(Notices.notice("n1", "inc-1")));

        assertThat(channel.send(m).kind()).isEqualTo(SendResult.Kind.DELIVERED);
        Seen got = seen.get();
        assertThat(header(got, "Webhook-id")).isEqualTo("n1.electricity/webhook-1");
        assertThat(header(got, "Idempotency-key")).isEqualTo("n1.electricity/webhook-1");
        assertThat(header(got, "Webhook-timestamp")).isEqualTo(Long.toString(now.getEpochSecond()));
        assertThat(header(got, "Webhook-signature")).isEqualTo(
                StandardWebhooks.sign("n1.electricity/webhook-1", now.getEpochSecond(), got.body(), secret.key()));
        assertThat(header(got, "Authorization")).isEqualTo("Bearer t0ken");
    }

    @Test
    void withoutASecretNothingIsSignedButTheHeadersAreStillSent() {
        HttpJsonChannel channel = new HttpJsonChannel(HttpClient.newHttpClient(), new ObjectMapper(), url(),
                Duration.ofSeconds(5), WebhookBody::render, Map.of("X-Team", "grid"), Optional.empty(),
                Clock.systemUTC());
        Outbound m = new Outbound(Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook"),
                List.of(Notices.notice("n1", "inc-1")));

        assertThat(channel.send(m).kind()).isEqualTo(SendResult.Kind.DELIVERED);
        Seen got = seen.get();
        assertThat(got.headers()).doesNotContainKeys("Webhook-id", "Webhook-timestamp", "Webhook-signature");
        assertThat(header(got, "Idempotency-key")).isEqualTo("n1.electricity/webhook-1");
        assertThat(header(got, "X-team")).isEqualTo("grid");
    }

    @Test
    void aHeaderValueTheClientRefusesIsAPermanentFailureNotAnException() {
        HttpJsonChannel channel = new HttpJsonChannel(HttpClient.newHttpClient(), new ObjectMapper(), url(),
                Duration.ofSeconds(5), WebhookBody::render, Map.of("X-Bad", "a\r\nInjected: yes"), Optional.empty(),
                Clock.systemUTC());
        Outbound m = new Outbound(Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook"),
                List.of(Notices.notice("n1", "inc-1")));

        SendResult r = channel.send(m);
        assertThat(r.kind()).isEqualTo(SendResult.Kind.PERMANENT);
        assertThat(r.error()).startsWith("cannot build the request").doesNotContain("Injected");
        assertThat(seen.get()).isNull();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The JDK server normalises names to first letter upper case, the rest lower case. */
    private static String header(Seen s, String name) {
        List<String> values = s.headers().get(name);
        assertThat(values).as("header %s in %s", name, s.headers().keySet()).hasSize(1);
        return values.get(0);
    }
}
