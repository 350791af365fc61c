package org.anshin.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The incident record on a real broker and registry, with two routing instances: decisions and receipts meet in
 * one record per incident on the compacted topic, the read model answers from either instance (forwarding to the
 * owner), the operator's incident view carries the timeline, and a restarted instance answers the same.
 */
@WithKafkaAndRegistry
class IncidentRecordTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyIncidentHasARecordThatTheReadModelServesAndARestartKeeps(Infra infra) throws Exception {
        ItSupport it = new ItSupport(infra, 4);
        List<String> ids = List.of("rec-1", "rec-2", "rec-3", "rec-4", "rec-5", "rec-6");
        Map<String, String> keyById = new HashMap<>();
        try (RoutingApp a = it.start(); RoutingApp b = it.start();
             KafkaProducer<String, IncidentReport> producer = it.producer()) {
            for (int i = 0; i < ids.size(); i++) {
                // rec-1..3 beyond the gas level (30,000 households), rec-4..6 below it
                it.send(producer, Fixture.report(ids.get(i), "gas").operator("op-gas").reportId(ids.get(i) + "-a")
                        .impact("affectedHouseholds", i < 3 ? 40_000L : 10L).build());
            }
            it.send(producer, Fixture.report("rec-1", "gas").operator("op-gas").reportId("rec-1-b")
                    .type(ReportType.RESOLVED).resolvedAt(Fixture.T0.plusSeconds(3600))
                    .impact("affectedHouseholds", 40_000L).build());
            producer.flush();
            List<IncidentNotice> gas = it.decode(infra.readAtLeast(it.config.noticeTopic("gas", false), 7));
            gas.forEach(n -> keyById.put(n.getIncidentId(), n.getIncidentKey()));
            IncidentNotice first = gas.stream().filter(n -> n.getIncidentId().equals("rec-2")).findFirst().orElseThrow();
            writeReceipts(infra, it, first);

            List<IncidentRecord> records = await().atMost(Duration.ofSeconds(60)).until(() -> latest(infra, it),
                    r -> r.size() == 6 && r.stream().filter(x -> x.getIncidentId().equals("rec-2"))
                            .anyMatch(x -> x.getDeliveries().size() == 1));
            assertThat(records).extracting(IncidentRecord::getIncidentId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(records).filteredOn(IncidentRecord::getEverExceeded).hasSize(3);
            IncidentRecord resolved = records.stream().filter(r -> r.getIncidentId().equals("rec-1")).findFirst()
                    .orElseThrow();
            assertThat(resolved.getStatus().name()).isEqualTo("RESOLVED");
            assertThat(resolved.getReports()).extracting(r -> r.getReportId()).containsExactly("rec-1-a", "rec-1-b");

            await().atMost(Duration.ofSeconds(60)).until(() -> a.ready() && b.ready()
                    && a.streams().metadataForAllStreamsClients().size() == 2);
            for (RoutingApp app : List.of(a, b)) {
                JsonNode all = body(app, "/v1/records?sector=gas&limit=1000", 200);
                assertThat(all.get("partial").asBoolean()).isFalse();
                assertThat(all.get("total").asInt()).as("records of this test's prefix").isEqualTo(6);
                assertThat(body(app, "/v1/records?sector=gas&exceeded=true", 200).get("total").asInt()).isEqualTo(3);
                assertThat(body(app, "/v1/records?sector=gas&status=resolved", 200).get("total").asInt()).isEqualTo(1);
                assertThat(body(app, "/v1/records?sector=gas&from=2026-11-25&to=2026-11-26", 200).get("total").asInt())
                        .isEqualTo(6);
                assertThat(body(app, "/v1/records?sector=gas&from=2026-11-26", 200).get("total").asInt()).isZero();
                assertThat(body(app, "/v1/records?status=maybe", 400).get("detail").asText()).contains("status");
                for (String id : ids) {
                    JsonNode one = body(app, "/v1/records/" + keyById.get(id), 200);
                    assertThat(one.get("incidentId").asText()).isEqualTo(id);
                    assertThat(one.get("timeline").get(0).get("kind").asText()).isEqualTo("REPORT");
                }
                JsonNode rec2 = body(app, "/v1/records/" + keyById.get("rec-2"), 200);
                assertThat(kinds(rec2.get("timeline"))).containsSubsequence("REPORT", "NOTICE", "DELIVERY");
                // the operator's view: the same timeline, channels shown by recipient and type only
                JsonNode view = body(app, "/v1/operators/op-gas/incidents/rec-2", 200);
                assertThat(view.get("serviceLevelBreached").isNull()).as("op-gas declares no service level").isTrue();
                JsonNode delivery = find(view.get("timeline"), "DELIVERY");
                assertThat(delivery.get("detail").asText()).isEqualTo("gas webhook");
                assertThat(view.get("timeline").toString()).doesNotContain("gas/webhook-1");
            }
            assertThat(get(a, "/v1/records?sector=gas", null).statusCode()).isEqualTo(401);
            assertThat(get(a, "/v1/records/" + keyById.get("rec-1"), "wrong-token-0123456789").statusCode())
                    .isEqualTo(401);
            assertThat(body(a, "/v1/records/no-such-key", 404).get("title").asText()).isEqualTo("Unknown incident");
        }
        // a new instance of the same application restores the store and answers the same
        try (RoutingApp c = it.start()) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> body(c, "/v1/records?sector=gas", 200).get("total").asInt() == 6);
            assertThat(body(c, "/v1/records?sector=gas&exceeded=true", 200).get("total").asInt()).isEqualTo(3);
            assertThat(body(c, "/v1/records/" + keyById.get("rec-2"), 200).get("timeline").toString())
                    .contains("DELIVERY");
        }
    }

    private static void writeReceipts(Infra infra, ItSupport it, IncidentNotice n) {
        var serde = ConfluentAvroSerde.forValue(DeliveryReceipt.class, it.registry, true);
        try (KafkaProducer<String, DeliveryReceipt> p = new KafkaProducer<>(infra.producerProps(),
                new StringSerializer(), serde.serializer())) {
            p.send(new ProducerRecord<>(it.config.deliveriesTopic(false), n.getNoticeId(), DeliveryReceipt.newBuilder()
                    .setNoticeId(n.getNoticeId()).setIncidentId(n.getIncidentId()).setIncidentKey(n.getIncidentKey())
                    .setCeptoarId("gas").setChannel("gas/webhook-1").setChannelType("webhook").setAttempt(1)
                    .setOutcome(DeliveryOutcome.DELIVERED).setLatencyMs(3).setError(null)
                    .setAttemptedAt(n.getClassifiedAt().plusMillis(5)).setIdempotencyKey(n.getNoticeId() + ".gas/webhook-1")
                    .setExercise(false).build()));
            p.flush();
        }
    }

    private static List<IncidentRecord> latest(Infra infra, ItSupport it) {
        var serde = ConfluentAvroSerde.forValue(IncidentRecord.class, it.registry, false);
        Map<String, IncidentRecord> byKey = new HashMap<>();
        infra.readToEnd(it.config.recordTopic(false), Duration.ofSeconds(10)).forEach(r ->
                byKey.put(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                        serde.deserializer().deserialize(r.topic(), r.value())));
        return new ArrayList<>(byKey.values());
    }

    private static List<String> kinds(JsonNode timeline) {
        List<String> out = new ArrayList<>();
        timeline.forEach(e -> out.add(e.get("kind").asText()));
        return out;
    }

    private static JsonNode find(JsonNode timeline, String kind) {
        for (JsonNode e : timeline) {
            if (e.get("kind").asText().equals(kind)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " in " + timeline);
    }

    private JsonNode body(RoutingApp app, String path, int status) throws Exception {
        HttpResponse<String> r = get(app, path, ItSupport.INTERNAL_TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return json.readTree(r.body());
    }

    private HttpResponse<String> get(RoutingApp app, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
