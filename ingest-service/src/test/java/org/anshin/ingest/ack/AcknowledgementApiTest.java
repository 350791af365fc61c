package org.anshin.ingest.ack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.anshin.ingest.IngestRunner;
import org.anshin.ingest.IngestService;
import org.anshin.ingest.TestConfig;
import org.anshin.ingest.advisory.FakeRouting;
import org.anshin.ingest.http.Http;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/incidents/{incidentKey}/acknowledgements} over real HTTP, against the shared real broker and
 * registry, with a small HTTP server playing routing-service's record lookup (as for shares).
 */
@WithKafkaAndRegistry
class AcknowledgementApiTest {
    private static final Path CONFIG_DIR = TestConfig.write();
    private static final String ELECTRICITY_INCIDENT = UUID.randomUUID().toString();
    private static final String OWN_CEPTOAR_INCIDENT = UUID.randomUUID().toString();
    private static final String RED_INCIDENT = UUID.randomUUID().toString();
    private static final String DRILL_INCIDENT = UUID.randomUUID().toString();
    private static final String REFUSED_INCIDENT = UUID.randomUUID().toString();

    private static Infra infra;
    private static FakeRouting routing;
    private static IngestService service;
    private static Http http;
    private static String acks;
    private static ConfluentAvroSerde<IncidentAcknowledgement> serde;

    @BeforeAll
    static void start(Infra shared) {
        infra = shared;
        String reports = infra.uniqueTopic("incidents.reports");
        acks = infra.uniqueTopic("incidents.acknowledgements");
        for (String t : List.of(reports, acks)) {
            infra.createTopics(new NewTopic(t, 3, (short) 1), new NewTopic(Topics.exercise(t), 3, (short) 1));
        }
        serde = ConfluentAvroSerde.forValue(IncidentAcknowledgement.class,
                new RestSchemaRegistryClient(infra.registryUrl()), false);
        routing = new FakeRouting();
        routing.answers.put("/v1/records/" + ELECTRICITY_INCIDENT, record("electricity", "AMBER", false));
        routing.answers.put("/v1/records/" + OWN_CEPTOAR_INCIDENT, record("electricity", "AMBER+STRICT", false));
        routing.answers.put("/v1/records/" + RED_INCIDENT, record("electricity", "RED", false));
        routing.answers.put("/v1/records/" + DRILL_INCIDENT, record("electricity", "GREEN", true));
        routing.answers.put("/v1/records/" + REFUSED_INCIDENT, record("electricity", "GREEN", false));
        service = IngestRunner.startReady(CONFIG_DIR, infra.bootstrapServers(), infra.registryUrl(), reports,
                "--routing-url", routing.url(), "--acknowledgements-topic", acks);
        http = new Http(service.port());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (routing != null) {
            routing.close();
        }
    }

    private static String record(String sector, String tlp, boolean exercise) {
        return "{\"incidentKey\":\"k\",\"operatorId\":\"op\",\"sector\":\"" + sector + "\",\"tlp\":\"" + tlp
                + "\",\"exercise\":" + exercise + "}";
    }

    private static String path(String incidentKey) {
        return "/v1/incidents/" + incidentKey + "/acknowledgements";
    }

    private static List<ConsumerRecord<byte[], byte[]>> keyed(String topic, String key, int count) {
        return infra.readUntil(topic, rs -> rs.stream().filter(r -> key.equals(keyOf(r))).count() >= count,
                Duration.ofSeconds(30)).stream().filter(r -> key.equals(keyOf(r))).toList();
    }

    private static IncidentAcknowledgement ack(ConsumerRecord<byte[], byte[]> r) {
        return serde.deserialize(r.value());
    }

    private static IncidentAcknowledgement byAckId(String topic, String key, String ackId) {
        // the record keyed by the incident whose ackId the 202 named (other tests may ack the same incident)
        return infra.readUntil(topic, rs -> rs.stream().filter(r -> key.equals(keyOf(r)))
                        .anyMatch(r -> ack(r).getAckId().equals(ackId)), Duration.ofSeconds(30)).stream()
                .filter(r -> key.equals(keyOf(r))).map(AcknowledgementApiTest::ack)
                .filter(a -> a.getAckId().equals(ackId)).findFirst().orElseThrow();
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    private static boolean anyKeyed(String topic, String key) {
        return infra.readToEnd(topic, Duration.ofSeconds(30)).stream().anyMatch(r -> key.equals(keyOf(r)));
    }

    private static JsonNode accepted(HttpResponse<String> response, String incidentKey, String by) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode a = Http.json(response);
        assertThat(a.path("incidentKey").asText()).isEqualTo(incidentKey);
        assertThat(a.path("by").asText()).isEqualTo(by);
        assertThat(a.path("status").asText()).isEqualTo("accepted");
        assertThat(UUID.fromString(a.path("ackId").asText())).isNotNull();
        assertThat(Instant.parse(a.path("at").asText())).isBeforeOrEqualTo(Instant.now());
        return a;
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = Http.json(response);
        assertThat(p.path("type").asText()).startsWith("http://127.0.0.1:").endsWith("/problems/" + type);
        assertThat(p.path("detail").asText()).isNotBlank();
        return p;
    }

    private static List<String> fields(JsonNode problem) {
        return java.util.stream.StreamSupport.stream(problem.path("errors").spliterator(), false)
                .map(e -> e.path("field").asText()).toList();
    }

    @Test
    void niscAcknowledgesAnIncidentAndTheRecordIsKeyedByTheIncidentWithEveryField() {
        Instant before = Instant.now().minusMillis(1);
        JsonNode a = accepted(http.postJson(path(ELECTRICITY_INCIDENT), TestConfig.NISC_TOKEN,
                "{\"note\":\"on it: duty officer called the operator\\nback in 30 min\"}"), ELECTRICITY_INCIDENT, "nisc");
        IncidentAcknowledgement ack = byAckId(acks, ELECTRICITY_INCIDENT, a.path("ackId").asText());
        assertThat(ack.getIncidentKey()).isEqualTo(ELECTRICITY_INCIDENT);
        assertThat(ack.getBy()).isEqualTo("nisc");
        assertThat(ack.getByName()).isEqualTo("nisc"); // TestConfig's secretariats have no name: the id is the name
        assertThat(ack.getNote()).isEqualTo("on it: duty officer called the operator\nback in 30 min");
        assertThat(ack.getExercise()).isFalse();
        assertThat(ack.getAt()).isAfter(before).isEqualTo(Instant.parse(a.path("at").asText()));
    }

    @Test
    void theOwnCeptoarsSecretariatAcknowledgesWithNoBodyOrAnEmptyObject() {
        JsonNode first = accepted(http.postNoBody(path(OWN_CEPTOAR_INCIDENT), TestConfig.ELECTRICITY_SECRETARIAT_TOKEN),
                OWN_CEPTOAR_INCIDENT, "electricity");
        JsonNode second = accepted(http.postJson(path(OWN_CEPTOAR_INCIDENT), TestConfig.ELECTRICITY_SECRETARIAT_TOKEN,
                "{}"), OWN_CEPTOAR_INCIDENT, "electricity");
        assertThat(second.path("ackId").asText()).isNotEqualTo(first.path("ackId").asText());
        List<IncidentAcknowledgement> both = keyed(acks, OWN_CEPTOAR_INCIDENT, 2).stream()
                .map(AcknowledgementApiTest::ack).toList();
        assertThat(both).extracting(IncidentAcknowledgement::getBy).containsOnly("electricity");
        assertThat(both).extracting(IncidentAcknowledgement::getNote).containsOnly("");
        // keyed by the incident: one partition, in order
        assertThat(keyed(acks, OWN_CEPTOAR_INCIDENT, 2).stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
    }

    @Test
    void anotherCeptoarAMinistryAndAnOperatorGet403WithAReasonAndNothingIsWritten() {
        JsonNode gas = problem(http.postJson(path(REFUSED_INCIDENT), TestConfig.GAS_SECRETARIAT_TOKEN, "{}"), 403,
                "forbidden");
        assertThat(gas.path("detail").asText()).contains("gas", "own CEPTOAR");
        JsonNode ministry = problem(http.postJson(path(REFUSED_INCIDENT), TestConfig.MINISTRY_TOKEN, "{}"), 403,
                "forbidden");
        assertThat(ministry.path("detail").asText()).contains("ministry");
        problem(http.postJson(path(REFUSED_INCIDENT), TestConfig.ELECTRICITY_TOKEN, "{}"), 403, "forbidden");
        problem(http.postJson(path(REFUSED_INCIDENT), null, "{}"), 401, "unauthorized");
        assertThat(anyKeyed(acks, REFUSED_INCIDENT)).isFalse();
    }

    @Test
    void redIsRefusedToTheCeptoarAndAcceptedFromNisc() {
        JsonNode p = problem(http.postJson(path(RED_INCIDENT), TestConfig.ELECTRICITY_SECRETARIAT_TOKEN, "{}"), 403,
                "forbidden");
        assertThat(p.path("detail").asText()).contains("TLP:RED");
        JsonNode a = accepted(http.postJson(path(RED_INCIDENT), TestConfig.NISC_TOKEN, "{}"), RED_INCIDENT, "nisc");
        List<IncidentAcknowledgement> written = keyed(acks, RED_INCIDENT, 1).stream().map(AcknowledgementApiTest::ack)
                .toList();
        assertThat(written).extracting(IncidentAcknowledgement::getAckId).containsExactly(a.path("ackId").asText());
    }

    @Test
    void anUnknownIncidentIs404AndABadBodyIs400NamingEachField() {
        problem(http.postJson(path(UUID.randomUUID().toString()), TestConfig.NISC_TOKEN, "{}"), 404, "not-found");
        problem(http.postJson(path("-not-a-key"), TestConfig.NISC_TOKEN, "{}"), 404, "not-found");
        JsonNode p = problem(http.postJson(path(REFUSED_INCIDENT), TestConfig.NISC_TOKEN,
                "{\"note\":\"" + "x".repeat(2001) + "\",\"by\":\"gas\"}"), 400, "invalid-acknowledgement");
        assertThat(fields(p)).containsExactlyInAnyOrder("note", "by");
        assertThat(p.toString()).contains("known: [note]");
        assertThat(fields(problem(http.postJson(path(REFUSED_INCIDENT), TestConfig.NISC_TOKEN, "{\"note\":5}"), 400,
                "invalid-acknowledgement"))).containsExactly("note");
        assertThat(fields(problem(http.postJson(path(REFUSED_INCIDENT), TestConfig.NISC_TOKEN,
                "{\"note\":\"bell\\u0007\"}"), 400, "invalid-acknowledgement"))).containsExactly("note");
        problem(http.postJson(path(REFUSED_INCIDENT), TestConfig.NISC_TOKEN, "[]"), 400, "invalid-acknowledgement");
        problem(http.post(path(REFUSED_INCIDENT), TestConfig.NISC_TOKEN, "text/plain", "{}"), 415,
                "unsupported-media-type");
        // a note of exactly 2,000 characters is fine
        accepted(http.postJson(path(ELECTRICITY_INCIDENT), TestConfig.NISC_TOKEN, "{\"note\":\"" + "y".repeat(2000)
                + "\"}"), ELECTRICITY_INCIDENT, "nisc");
        assertThat(anyKeyed(acks, REFUSED_INCIDENT)).isFalse();
    }

    @Test
    void aDrillIncidentsAcknowledgementGoesToTheExerciseTwinOnly() {
        accepted(http.postJson(path(DRILL_INCIDENT), TestConfig.ELECTRICITY_SECRETARIAT_TOKEN, "{\"note\":\"drill\"}"),
                DRILL_INCIDENT, "electricity");
        assertThat(ack(keyed(Topics.exercise(acks), DRILL_INCIDENT, 1).get(0)).getExercise()).isTrue();
        assertThat(anyKeyed(acks, DRILL_INCIDENT)).isFalse(); // acked before the 202, so it would be there by now
    }

    @Test
    void openapiDocumentsThePathAndItsSchemas() {
        String doc = http.get("/openapi.yaml", null).body();
        assertThat(doc).contains("/v1/incidents/{incidentKey}/acknowledgements:", "Acknowledgement:",
                "AcknowledgementAccepted:", "invalid-acknowledgement");
    }
}
