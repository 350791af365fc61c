package org.anshin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.anshin.devstack.ApicurioRegistry;
import org.anshin.testsupport.PrivateKafkaCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, the whole way: the gas CEPTOAR pages tier 2 ({@code /hook/gas-duty}) when an incident beyond its level
 * has gone unacknowledged for 15 s. Three incidents are reported; the second is acknowledged by the gas secretariat
 * through ingest's API; routing, which holds the timers, is SIGKILLed and started again before any tier is due.
 * Tier 2's receiver must then get exactly one page for the first and the third, and none for the acknowledged
 * one (whose time passed before the third's page arrived), over real sockets and child JVMs as ./anshin up runs.
 */
class EscalationEndToEndTest {
    private static final Path HOME = Path.of(System.getProperty("anshin.repo.root", ".."));
    private static final Duration TIER_2 = Duration.ofSeconds(15);
    private static final String OPERATOR_TOKEN = ReportLoad.TOKEN;
    private static final String GAS_SECRETARIAT = "demo-secretariat-gas";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anUnacknowledgedIncidentReachesTierTwoOnceAcrossARoutingRestartAndAnAcknowledgedOneNever() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "faults", "escalation-" + System.currentTimeMillis()))
                .toAbsolutePath();
        try (PrivateKafkaCluster kafka = PrivateKafkaCluster.start(1, java.util.Map.of());
             Receiver receiver = new Receiver()) {
            ApicurioRegistry registry = Faults.registryBuilder(HOME.toAbsolutePath().normalize(), dir).start();
            try (registry; Pipeline pipeline = new Pipeline(HOME.toAbsolutePath().normalize(), dir,
                    kafka.bootstrapServers(), registry.ccompatUrl(), receiver, (short) 1, TIER_2)) {
                Pipeline.Instance routing = pipeline.start(Pipeline.ROUTING, "routing-1");
                Pipeline.Instance notifier = pipeline.start(Pipeline.NOTIFIER, "notifier-1");
                Pipeline.Instance ingest = pipeline.start(Pipeline.INGEST, "ingest-1");
                for (Pipeline.Instance i : List.of(routing, notifier, ingest)) {
                    i.awaitReady(Duration.ofSeconds(180));
                }
                String run = Long.toString(System.currentTimeMillis(), 36);
                String first = "esc-" + run + "-1";
                String acked = "esc-" + run + "-2";
                report(pipeline.ingestUrl(), first);
                report(pipeline.ingestUrl(), acked);
                String ackedKey = awaitIncidentKey(pipeline.ingestUrl(), acked);
                // ingest checks the incident in routing's record, a hop behind the live view: 404 until it is there
                String ackUrl = pipeline.ingestUrl() + "/v1/incidents/" + ackedKey + "/acknowledgements";
                Awaitility.await("acknowledged").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            HttpResponse<String> ack = post(ackUrl, GAS_SECRETARIAT, "{\"note\":\"we have it\"}");
                            assertThat(ack.statusCode()).as(ack.body()).isIn(202, 404);
                            return ack.statusCode() == 202;
                        });
                // the incidents reached tier 1 (the gas hook): their clocks run; now kill the timers' holder
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> hooks(receiver, "/hook/gas", first) > 0
                        && hooks(receiver, "/hook/gas", acked) > 0);
                routing.kill();
                routing.restart().awaitReady(Duration.ofSeconds(120));
                String third = "esc-" + run + "-3";
                report(pipeline.ingestUrl(), third);

                Awaitility.await("tier 2 pages for the unacknowledged incidents").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> hooks(receiver, "/hook/gas-duty", first) > 0
                                && hooks(receiver, "/hook/gas-duty", third) > 0);
                assertThat(hooks(receiver, "/hook/gas-duty", first)).as("one page for the first").isEqualTo(1);
                assertThat(hooks(receiver, "/hook/gas-duty", acked)).as("no page for the acknowledged one").isZero();
                assertThat(receiver.deliveries().stream().filter(d -> d.path().equals("/hook/gas-duty"))
                        .map(Receiver.Delivery::noticeType).distinct().toList()).containsExactly("ESCALATED");
            }
        }
    }

    private static long hooks(Receiver receiver, String path, String incidentId) {
        return receiver.deliveries().stream()
                .filter(d -> d.path().equals(path) && incidentId.equals(d.incidentId()))
                .map(Receiver.Delivery::noticeId).distinct().count();
    }

    private void report(String ingest, String incidentId) throws IOException, InterruptedException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String body = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"incidentId\":\"" + incidentId
                + "\",\"reportType\":\"INITIAL\",\"sector\":\"gas\",\"occurredAt\":\"" + now + "\",\"detectedAt\":\""
                + now + "\",\"summary\":\"escalation test\",\"cause\":\"UNINTENTIONAL\","
                + "\"impact\":{\"affectedHouseholds\":40},\"tlp\":\"GREEN\"}";
        HttpResponse<String> r = post(ingest + "/v1/incidents", OPERATOR_TOKEN, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private String awaitIncidentKey(String ingest, String incidentId) {
        String[] key = new String[1];
        Awaitility.await("incident " + incidentId + " routed").atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ingest + "/v1/incidents/" + incidentId))
                    .header("Authorization", "Bearer " + OPERATOR_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode view = json.readTree(r.body());
            key[0] = view.path("incidentKey").asText("");
            return !key[0].isEmpty();
        });
        return key[0];
    }

    private HttpResponse<String> post(String url, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
