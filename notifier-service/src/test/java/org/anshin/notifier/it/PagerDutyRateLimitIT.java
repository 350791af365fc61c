package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.NoticeType;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver that throttles like PagerDuty's Events API (per routing key: 429 with {@code Retry-After: 2} for the
 * first events), driven by notices through the real broker: the throttled event arrives after the Retry-After and
 * not before, the same channel's other incident waits for it too, and a webhook of the same CEPTOAR is delivered
 * meanwhile without delay.
 */
@WithKafkaAndRegistry
class PagerDutyRateLimitIT {
    /** One request as the receiver saw it: when (System.nanoTime), the path, the answer and the JSON body. */
    record Hit(long nanos, String path, int status, JsonNode body) {
    }

    private final Infra infra;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    /** Per routing key: how many more events get a 429. */
    private final Map<String, AtomicInteger> throttle = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final HttpServer server;
    @TempDir
    Path dir;
    private NotifierHarness harness;
    private NotifierService service;

    PagerDutyRateLimitIT(Infra infra) throws IOException {
        this.infra = infra;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
            String path = ex.getRequestURI().getPath();
            int status = 202;
            if (path.equals("/pd")) {
                AtomicInteger left = throttle.get(body.path("routing_key").asText());
                if (left != null && left.getAndDecrement() > 0) {
                    status = 429;
                    ex.getResponseHeaders().add("Retry-After", "2");
                }
            }
            hits.add(new Hit(System.nanoTime(), path, status, body));
            byte[] answer = (status == 429 ? "{\"status\":\"throttle event\"}" : "{\"status\":\"success\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private List<Hit> hits(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (harness != null) {
            harness.close();
        }
        server.stop(0);
        pool.shutdownNow();
    }

    @Test
    void a429PausesThePagerDutyChannelUntilItsRetryAfterWhileTheWebhookGoesOn() throws Exception {
        throttle.put("R0UTE-1", new AtomicInteger(1));
        harness = new NotifierHarness(infra, dir, """
                      - type: pagerduty
                        url: %s
                        routingKey: R0UTE-1
                      - type: webhook
                        url: %s
                """.formatted(url("/pd"), url("/hook")));
        service = harness.start(new SimpleMeterRegistry());
        await("notifier ready").atMost(Duration.ofSeconds(60)).until(service::ready);

        harness.publish(Notices.builder("p-1", "inc-1").setIncidentKey("pk-1").build());
        // the 429's receipt is written after the channel was paused: from here on the pause is in force
        harness.receipts(false, rs -> rs.stream().anyMatch(r -> r.getOutcome() == DeliveryOutcome.RETRYING));
        long throttledAt = hits("/pd").get(0).nanos();
        assertThat(hits("/pd").get(0).status()).isEqualTo(429);

        long published = System.nanoTime();
        harness.publish(Notices.builder("q-1", "inc-2").setIncidentKey("pk-2").build(),
                Notices.builder("p-2", "inc-1").setIncidentKey("pk-1").setNoticeType(NoticeType.UPDATED).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> hits("/pd").size() == 4 && hits("/hook").size() == 3);
        List<Hit> pd = hits("/pd");
        // nothing reached the throttled routing key before its Retry-After
        assertThat(pd.subList(1, 4)).allSatisfy(h -> {
            assertThat(h.status()).isEqualTo(202);
            assertThat(Duration.ofNanos(h.nanos() - throttledAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        });
        // the webhook of the same CEPTOAR, same notices, was not held up
        Hit lastHook = hits("/hook").get(2);
        assertThat(Duration.ofNanos(lastHook.nanos() - published)).isLessThan(Duration.ofSeconds(1));
        assertThat(lastHook.nanos()).isLessThan(throttledAt + Duration.ofSeconds(2).toNanos());

        // one PagerDuty incident per Anshin incident: the dedup_key is the incident key, on retry and update alike
        assertThat(pd.stream().filter(h -> h.body().get("payload").get("custom_details").get("incidentId").asText()
                .equals("inc-1"))).extracting(h -> h.body().get("dedup_key").asText()).containsOnly("pk-1").hasSize(3);
        assertThat(pd).extracting(h -> h.body().get("event_action").asText()).containsOnly("trigger");
        assertThat(pd.get(0).body().get("links").get(0).get("href").asText()).isEqualTo("http://127.0.0.1:8084/incidents/pk-1");

        List<DeliveryReceipt> receipts = harness.receipts(false, rs -> rs.stream()
                .filter(r -> r.getOutcome() == DeliveryOutcome.DELIVERED).count() == 6);
        List<DeliveryReceipt> p1 = onPagerDuty(receipts, "p-1");
        assertThat(p1).extracting(DeliveryReceipt::getOutcome)
                .containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED);
        assertThat(p1.get(0).getError().toString()).startsWith("HTTP 429").contains("Retry-After 2000 ms");
        List<DeliveryReceipt> q1 = onPagerDuty(receipts, "q-1");
        assertThat(q1).extracting(DeliveryReceipt::getOutcome)
                .containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED);
        assertThat(q1.get(0).getError().toString()).startsWith("rate-limited: channel paused after HTTP 429");
        assertThat(receipts.stream().filter(r -> r.getChannelType().toString().equals("webhook")))
                .extracting(DeliveryReceipt::getOutcome).containsOnly(DeliveryOutcome.DELIVERED).hasSize(3);
    }

    private static List<DeliveryReceipt> onPagerDuty(List<DeliveryReceipt> receipts, String noticeId) {
        return receipts.stream().filter(r -> r.getChannelType().toString().equals("pagerduty")
                && r.getNoticeId().toString().equals(noticeId)).toList();
    }
}
