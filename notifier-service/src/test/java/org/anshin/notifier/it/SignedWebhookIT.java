package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.notifier.delivery.RetryPolicy;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed webhooks end to end: real notices through the notifier (in-process broker and registry) to a receiver
 * written in Python ({@code it/standard_webhooks_receiver.py}, an implementation independent of the notifier's)
 * that verifies every request the way the Standard Webhooks specification says (HMAC-SHA256 with the whsec key,
 * 5 minute timestamp tolerance, constant-time comparison) and checks the Authorization header that the
 * channel's {@code headers} take from a secret file through {@code Secrets}.
 */
@WithKafkaAndRegistry
class SignedWebhookIT {
    /** The first retry waits 1.1 to 2.2 s (50-100 % jitter): always in a later second than the first attempt. */
    private static final RetryPolicy RETRY_IN_A_LATER_SECOND = new RetryPolicy(4, Duration.ofMinutes(1),
            Duration.ofMillis(2200), Duration.ofMillis(2200));

    private final Infra infra;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String secret = newSecret();
    private final String token = "tok-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(18));
    @TempDir
    Path dir;
    private PythonReceiver receiver;
    private NotifierHarness harness;
    private NotifierService service;

    SignedWebhookIT(Infra infra) {
        this.infra = infra;
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = PythonReceiver.start(dir, secret, "Bearer " + token, "/flaky=1:503");
        Files.writeString(dir.resolve("hook-secret"), secret + "\n");
        Files.writeString(dir.resolve("hook-token"), token + "\n");
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (harness != null) {
            harness.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A webhook channel to {@code path} whose secret and Authorization token come from the secret files. */
    private String channel(String id, String path, String secretRef) {
        return """
                      - type: webhook
                        id: %s
                        url: %s
                        secret: %s
                        headers:
                          Authorization: Bearer ${file:%s}
                """.formatted(id, receiver.url(path), secretRef, dir.resolve("hook-token"));
    }

    private String fileSecret() {
        return "${file:" + dir.resolve("hook-secret") + "}";
    }

    private void start(String channelsYaml) throws Exception {
        harness = new NotifierHarness(infra, dir, channelsYaml);
        service = NotifierService.start(harness.config(), harness.kafka(), harness.registry,
                harness.settings.withRetry(RETRY_IN_A_LATER_SECOND), meters);
        await("notifier ready").atMost(Duration.ofSeconds(60)).until(service::ready);
    }

    @Test
    void everyDeliveryCarriesAValidSignatureTheConfiguredHeaderAndTheIdempotencyKeyAsWebhookId() throws Exception {
        start(channel("signed", "/ok", fileSecret()));
        harness.publish(Notices.notice("s-1", "inc-s1"), Notices.notice("s-2", "inc-s2"));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/ok").size() == 2);
        List<JsonNode> got = receiver.requests("/ok");
        assertThat(got).allSatisfy(r -> {
            assertThat(r.get("problem").isNull()).as("verification problem: %s", r.get("problem")).isTrue();
            assertThat(r.get("verified").asBoolean()).isTrue();
            assertThat(r.get("authorized").asBoolean()).isTrue();
            assertThat(r.get("status").asInt()).isEqualTo(204);
            assertThat(r.get("signature").asText()).startsWith("v1,");
            // webhook-id is the idempotency key: the same as the Idempotency-Key header and the body's field
            assertThat(r.get("id").asText()).isEqualTo(r.get("idempotencyKey").asText())
                    .isEqualTo(r.get("body").get("idempotencyKey").asText());
        });
        assertThat(got).extracting(r -> r.get("id").asText()).containsExactlyInAnyOrder("s-1.signed", "s-2.signed");
        assertThat(harness.receipts(false, rs -> rs.size() >= 2)).extracting(DeliveryReceipt::getOutcome)
                .containsOnly(DeliveryOutcome.DELIVERED);
    }

    @Test
    void aRetryAfterA503CarriesTheSameWebhookIdAndAFreshValidSignature() throws Exception {
        start(channel("flaky", "/flaky", fileSecret()));
        harness.publish(Notices.notice("r-1", "inc-r"));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/flaky").size() == 2);
        List<JsonNode> attempts = receiver.requests("/flaky");
        assertThat(attempts).extracting(r -> r.get("status").asInt()).containsExactly(503, 204);
        assertThat(attempts).allSatisfy(r -> assertThat(r.get("verified").asBoolean()).isTrue());
        JsonNode first = attempts.get(0);
        JsonNode retry = attempts.get(1);
        assertThat(retry.get("id").asText()).isEqualTo(first.get("id").asText()).isEqualTo("r-1.flaky");
        // signed afresh: the retry's own (later) timestamp, so a different signature, verified on its own
        assertThat(retry.get("timestamp").asLong()).isGreaterThan(first.get("timestamp").asLong());
        assertThat(retry.get("signature").asText()).isNotEqualTo(first.get("signature").asText());
        assertThat(harness.receipts(false, rs -> rs.size() >= 2)).extracting(DeliveryReceipt::getOutcome)
                .containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED);
    }

    @Test
    void aReceiverWithAnotherSecretAnswers401AndTheNotifierGivesUpAtOnceWithoutShowingASecret() throws Exception {
        String wrong = newSecret();
        start(channel("wrong", "/wrong", wrong));
        harness.publish(Notices.notice("w-1", "inc-w"));

        List<DeliveryReceipt> receipts = harness.receipts(false, rs -> !rs.isEmpty());
        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
            assertThat(r.getAttempt()).isEqualTo(1);
            String error = r.getError().toString();
            assertThat(error).contains("HTTP 401").contains("no matching v1 signature")
                    .contains("authorization was ***") // the receiver echoed the header: scrubbed
                    .doesNotContain(token).doesNotContain(wrong).doesNotContain(secret)
                    .doesNotContain(wrong.substring("whsec_".length()));
        });
        List<JsonNode> got = receiver.requests("/wrong");
        assertThat(got).singleElement().satisfies(r -> {
            assertThat(r.get("verified").asBoolean()).isFalse();
            assertThat(r.get("status").asInt()).isEqualTo(401);
            assertThat(r.get("authorized").asBoolean()).isTrue(); // the header itself was right
        });
        assertThat(meters.get(NotifierMetrics.FAILED).tag("channel", "webhook").counter().count()).isEqualTo(1);
    }

    private static String newSecret() {
        return "whsec_" + Base64.getEncoder().encodeToString(random(32));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** {@code python3 it/standard_webhooks_receiver.py} as a child process; skipped where python3 is missing. */
    static final class PythonReceiver implements AutoCloseable {
        private final Process process;
        private final int port;
        private final HttpClient http = HttpClient.newHttpClient();
        private final ObjectMapper json = new ObjectMapper();

        private PythonReceiver(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static PythonReceiver start(Path dir, String secret, String authorization, String failFirst)
                throws IOException {
            Path script = dir.resolve("standard_webhooks_receiver.py");
            try (var in = SignedWebhookIT.class.getResourceAsStream("/it/standard_webhooks_receiver.py")) {
                Files.copy(in, script);
            }
            Process p;
            try {
                ProcessBuilder pb = new ProcessBuilder("python3", script.toString())
                        .redirectError(dir.resolve("receiver.log").toFile());
                pb.environment().put("WEBHOOK_SECRET", secret);
                pb.environment().put("EXPECTED_AUTHORIZATION", authorization);
                pb.environment().put("FAIL_FIRST", failFirst);
                p = pb.start();
            } catch (IOException e) {
                Assumptions.abort("python3 is not installed: skipping the signed webhook tests (" + e + ")");
                throw e;
            }
            // blocks until the script has bound its port: its first line says which
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("listening ")) {
                p.destroy();
                throw new IOException("the receiver did not start: " + line + "; see " + dir.resolve("receiver.log"));
            }
            return new PythonReceiver(p, Integer.parseInt(line.substring("listening ".length()).trim()));
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** What the receiver saw and answered on {@code path}, in arrival order. */
        List<JsonNode> requests(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/requests"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> out = new ArrayList<>();
            json.readTree(r.body()).forEach(n -> {
                if (n.get("path").asText().equals(path)) {
                    out.add(n);
                }
            });
            return out;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
