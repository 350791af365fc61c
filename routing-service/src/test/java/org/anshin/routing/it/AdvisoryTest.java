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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Advisories and shares on a real broker and registry, with two routing instances: fan-out by sector and TLP, a
 * resent advisoryId stored once, feedback counted once per operator, an operator's list (gathered from both
 * instances) of its sectors only, drills on exercise topics only, and a share reaching the receiving CEPTOAR.
 */
@WithKafkaAndRegistry
class AdvisoryTest {
    private static final Instant T0 = Fixture.T0;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void advisoriesFanOutByTlpAndSectorCollectFeedbackAndSharesReachTheOtherCeptoar(Infra infra) throws Exception {
        ItSupport it = new ItSupport(infra, 4);
        try (RoutingApp a = it.start(); RoutingApp b = it.start();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(infra.producerProps(), new StringSerializer(),
                     new ByteArraySerializer())) {
            advise(it, producer, Fixture.advisory("adv-green", "gas", "electricity").setIssuedAt(T0.plusSeconds(1)).build());
            advise(it, producer, Fixture.advisory("adv-strict", "gas").setTlp(Tlp.AMBER_STRICT)
                    .setIssuedAt(T0.plusSeconds(2)).build());
            advise(it, producer, Fixture.advisory("adv-all", "all").setIssuedAt(T0.plusSeconds(3)).build());
            advise(it, producer, Fixture.advisory("adv-water", "water").setIssuedAt(T0.plusSeconds(4)).build());
            advise(it, producer, Fixture.advisory("adv-expired", "gas").setIssuedAt(T0.plusSeconds(5))
                    .setExpiresAt(T0.plusSeconds(60)).build());
            advise(it, producer, Fixture.advisory("adv-green", "gas", "water").setTitle("resent").build());
            advise(it, producer, Fixture.advisory("adv-drill", "gas").setExercise(true).build());
            producer.flush();

            List<AdvisoryNotice> gas = notices(infra, it, "gas", false, 4);
            assertThat(gas).extracting(AdvisoryNotice::getAdvisoryId)
                    .containsExactlyInAnyOrder("adv-green", "adv-strict", "adv-all", "adv-expired");
            assertThat(gas).filteredOn(AdvisoryNotice::getSecretariatOnly).extracting(AdvisoryNotice::getAdvisoryId)
                    .containsExactly("adv-strict");
            assertThat(gas).filteredOn(n -> n.getAdvisoryId().equals("adv-green")).singleElement()
                    .extracting(AdvisoryNotice::getTitle).isEqualTo("title of adv-green");
            assertThat(notices(infra, it, "electricity", false, 2)).extracting(AdvisoryNotice::getAdvisoryId)
                    .containsExactlyInAnyOrder("adv-green", "adv-all");
            assertThat(notices(infra, it, "council", false, 1)).extracting(AdvisoryNotice::getAdvisoryId)
                    .containsExactly("adv-all");
            assertThat(notices(infra, it, "water", false, 2)).extracting(AdvisoryNotice::getAdvisoryId)
                    .containsExactlyInAnyOrder("adv-all", "adv-water"); // not the resent adv-green's new sector
            assertThat(notices(infra, it, "gas", true, 1)).extracting(AdvisoryNotice::getAdvisoryId)
                    .containsExactly("adv-drill");

            // feedback: a changed answer replaces the first; a receipt of the gas notice
            send(it, producer, it.config.advisoryFeedbackTopic(false), "adv-green",
                    Fixture.answer("adv-green", "demo-gas-operator", true, T0.plusSeconds(10)));
            send(it, producer, it.config.advisoryFeedbackTopic(false), "adv-green",
                    Fixture.answer("adv-green", "demo-electricity-operator", true, T0.plusSeconds(11)));
            send(it, producer, it.config.advisoryFeedbackTopic(false), "adv-green",
                    Fixture.answer("adv-green", "demo-gas-operator", false, T0.plusSeconds(12)));
            send(it, producer, it.config.advisoryDeliveriesTopic(false), "adv-green.gas", receipt());
            producer.flush();

            await().atMost(Duration.ofSeconds(60)).until(() -> a.ready() && b.ready()
                    && a.streams().metadataForAllStreamsClients().size() == 2);
            for (RoutingApp app : List.of(a, b)) {
                JsonNode full = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> body(app, "/v1/advisories/adv-green", 200),
                                n -> n.at("/counts/feedback/notUseful").asInt() == 1 && n.path("deliveries").size() == 1);
                assertThat(full.at("/advisory/title").asText()).isEqualTo("title of adv-green");
                assertThat(full.at("/counts/recipients").asInt()).isEqualTo(2);
                assertThat(full.at("/counts/feedback").toString()).isEqualTo("{\"useful\":1,\"notUseful\":1,\"noAnswer\":0}");
                assertThat(full.at("/counts/deliveries/webhook/DELIVERED").asInt()).isEqualTo(1);
                assertThat(full.at("/counts/bySector/gas/operators").asInt()).isEqualTo(1);

                // the gas operator's list: its sector only, not AMBER+STRICT, not expired, newest first
                JsonNode list = body(app, "/v1/advisories?operator=demo-gas-operator", 200);
                assertThat(ids(list)).containsExactly("adv-all", "adv-green");
                assertThat(list.get("nextCursor").isNull()).isTrue();
                assertThat(list.at("/advisories/1/feedback/useful").asBoolean(true)).isFalse();
                assertThat(list.at("/advisories/0/feedback").isNull()).isTrue();
                JsonNode page1 = body(app, "/v1/advisories?operator=demo-gas-operator&limit=1", 200);
                assertThat(ids(page1)).containsExactly("adv-all");
                JsonNode page2 = body(app, "/v1/advisories?operator=demo-gas-operator&limit=1&cursor="
                        + page1.get("nextCursor").asText(), 200);
                assertThat(ids(page2)).containsExactly("adv-green");
                assertThat(page2.get("nextCursor").isNull()).isTrue();
                assertThat(ids(body(app, "/v1/advisories?operator=demo-water-operator", 200)))
                        .containsExactly("adv-water", "adv-all");
                assertThat(ids(body(app, "/v1/advisories?operator=demo-gas-operator&exercise=true", 200)))
                        .containsExactly("adv-drill");
                assertThat(ids(body(app, "/v1/advisories?operator=demo-gas-operator&since=2026-11-25T00:00:02Z", 200)))
                        .containsExactly("adv-all");
                // the feedback check: addressed, or 404
                body(app, "/v1/advisories/adv-green?operator=demo-gas-operator", 200);
                body(app, "/v1/advisories/adv-green?operator=demo-water-operator", 404);
                body(app, "/v1/advisories/adv-strict?operator=demo-gas-operator", 404);
                assertThat(body(app, "/v1/advisories?operator=demo-gas-operator&limit=0", 400).get("detail").asText())
                        .contains("limit");
                assertThat(body(app, "/v1/advisories", 400).get("detail").asText()).contains("operator");
            }
            assertThat(get(a, "/v1/advisories/adv-green", null).statusCode()).isEqualTo(401);

            // one record per advisory on the compacted topic, the resent id stored once
            List<AdvisoryRecord> records = decode(infra.readToEnd(it.config.advisoryRecordTopic(false),
                    Duration.ofSeconds(10)), it, AdvisoryRecord.class);
            assertThat(records).extracting(r -> r.getAdvisory().getAdvisoryId()).doesNotContain("adv-drill")
                    .filteredOn("adv-green"::equals).isNotEmpty();
            assertThat(records).extracting(r -> r.getAdvisory().getTitle()).doesNotContain("resent");
            // metrics: issued once per advisoryId, the resend a duplicate, each operator counted once
            String metrics = scrape(a) + scrape(b);
            assertThat(sum(metrics, "anshin_advisories_issued_total", "issuer=\"nisc\"")).isEqualTo(6.0);
            assertThat(sum(metrics, "anshin_advisories_duplicates_total", "")).isEqualTo(1.0);
            assertThat(sum(metrics, "anshin_advisory_feedback_total", "useful=\"true\"")
                    - sum(metrics, "anshin_advisory_feedback_changed_total", "from=\"true\"")).isEqualTo(1.0);
            assertThat(sum(metrics, "anshin_advisory_feedback_total", "useful=\"false\"")).isEqualTo(1.0);

            // a share: gas shares one of its incidents with electricity, which gets a notice naming gas
            try (KafkaProducer<String, IncidentReport> reports = it.producer()) {
                it.send(reports, Fixture.report("sh-it", "gas").operator("op-gas").tlp(Tlp.AMBER).build());
            }
            IncidentNotice incident = it.decode(infra.readAtLeast(it.config.noticeTopic("gas", false), 1)).get(0);
            send(it, producer, it.config.sharesTopic(false), incident.getIncidentKey(),
                    Fixture.share(incident.getIncidentKey(), "gas", "electricity", T0.plusSeconds(30)));
            producer.flush();
            IncidentNotice shared = it.decode(infra.readAtLeast(it.config.noticeTopic("electricity", false), 1)).get(0);
            assertThat(shared.getSharedBy()).isEqualTo("gas");
            assertThat(shared.getIncidentKey()).isEqualTo(incident.getIncidentKey());
            assertThat(shared.getOperatorId()).isNull();
            JsonNode record = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> body(a, "/v1/records/" + incident.getIncidentKey(), 200), n -> n != null);
            assertThat(record.get("incidentId").asText()).isEqualTo("sh-it");
        }
    }

    private void advise(ItSupport it, KafkaProducer<String, byte[]> p, Advisory a) {
        send(it, p, it.config.advisoriesTopic(a.getExercise()), a.getAdvisoryId(), a);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> void send(ItSupport it, KafkaProducer<String, byte[]> p, String topic,
                                                         String key, T value) {
        var serde = ConfluentAvroSerde.forValue((Class<T>) value.getClass(), it.registry, true);
        p.send(new ProducerRecord<>(topic, key, serde.serializer().serialize(topic, value)));
    }

    private static List<AdvisoryNotice> notices(Infra infra, ItSupport it, String ceptoar, boolean exercise, int n) {
        String topic = it.config.advisoryTopic(ceptoar, exercise);
        infra.readAtLeast(topic, n);
        return decode(infra.readToEnd(topic, Duration.ofSeconds(10)), it, AdvisoryNotice.class);
    }

    private static <T extends SpecificRecord> List<T> decode(List<ConsumerRecord<byte[], byte[]>> records, ItSupport it,
                                                               Class<T> type) {
        var serde = ConfluentAvroSerde.forValue(type, it.registry, false);
        return records.stream().map(r -> serde.deserializer().deserialize(r.topic(), r.value())).toList();
    }

    private static DeliveryReceipt receipt() {
        return DeliveryReceipt.newBuilder().setNoticeId("adv-green.gas").setIncidentId("adv-green").setIncidentKey("")
                .setCeptoarId("gas").setChannel("gas/webhook-1").setChannelType("webhook").setAttempt(1)
                .setOutcome(DeliveryOutcome.DELIVERED).setLatencyMs(3).setError(null)
                .setAttemptedAt(T0.plusSeconds(20)).setIdempotencyKey("adv-green.gas.gas/webhook-1")
                .setExercise(false).build();
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("advisories").forEach(n -> out.add(n.get("advisoryId").asText()));
        return out;
    }

    private String scrape(RoutingApp app) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/metrics")).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum over both instances of a Prometheus series with this label (any other labels). */
    private static double sum(String metrics, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*" + Pattern.quote(label) + "[^}]*\\})? ([0-9.Ee+-]+)$")
                .matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
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
