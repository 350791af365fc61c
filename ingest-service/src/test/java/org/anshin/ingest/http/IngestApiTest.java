package org.anshin.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.IngestRunner;
import org.anshin.ingest.IngestService;
import org.anshin.ingest.Reports;
import org.anshin.ingest.TestConfig;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Ingest API over real HTTP against the shared real broker and registry. */
@WithKafkaAndRegistry
class IngestApiTest {
    private static final Path CONFIG_DIR = TestConfig.write();
    private static final AnshinConfig CONFIG = AnshinConfig.load(CONFIG_DIR);
    private static Infra infra;
    private static String topic;
    private static IngestService service;
    private static Http http;
    private static Deserializer<IncidentReport> reports;

    @BeforeAll
    static void start(Infra shared) {
        infra = shared;
        topic = infra.uniqueTopic("incidents.reports");
        infra.createTopics(new NewTopic(topic, 3, (short) 1), new NewTopic(Topics.exercise(topic), 3, (short) 1));
        service = IngestRunner.startReady(CONFIG_DIR, infra.bootstrapServers(), infra.registryUrl(), topic);
        http = new Http(service.port());
        reports = ConfluentAvroSerde.forValue(IncidentReport.class, new RestSchemaRegistryClient(infra.registryUrl()), false)
                .deserializer();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static List<IncidentReport> recordsOf(String incidentId, int count) {
        return recordsOf(topic, incidentId, count);
    }

    private static List<IncidentReport> recordsOf(String topic, String incidentId, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = infra.readUntil(topic, rs -> rs.stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).endsWith("/" + incidentId)).count() >= count,
                java.time.Duration.ofSeconds(30));
        return records.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).endsWith("/" + incidentId))
                .map(r -> reports.deserialize(topic, r.value())).toList();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = Http.json(response);
        assertThat(problem.path("type").asText()).startsWith("http://127.0.0.1:").endsWith("/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    void anAcceptedReportLandsOnTheTopicKeyedByIncidentIdAndDecodesThroughTheRegistry() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        Instant before = Instant.now().minusMillis(1);
        HttpResponse<String> response = http.post(TestConfig.ELECTRICITY_TOKEN, body.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = Http.json(response);
        assertThat(accepted.path("status").asText()).isEqualTo("accepted");
        assertThat(accepted.path("incidentId").asText()).isEqualTo(body.get("incidentId").asText());
        assertThat(accepted.path("reportId").asText()).isEqualTo(body.get("reportId").asText());

        IncidentReport report = recordsOf(body.get("incidentId").asText(), 1).get(0);
        assertThat(report.getReportId()).isEqualTo(body.get("reportId").asText());
        assertThat(report.getOperatorId()).isEqualTo(TestConfig.ELECTRICITY_OPERATOR);
        assertThat(report.getImpact().getSupplyLossKw()).isEqualTo(150_000L);
        assertThat(report.getReceivedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void reportsAreKeyedByOperatorAndIncidentIdSoTwoOperatorsSharingAnIdNeverCollide() {
        ObjectNode mine = Reports.valid(CONFIG, "electricity");
        mine.put("incidentId", "INC-0001-" + Instant.now().toEpochMilli());
        ObjectNode theirs = mine.deepCopy();
        theirs.put("reportId", java.util.UUID.randomUUID().toString());
        assertThat(http.post(TestConfig.ELECTRICITY_TOKEN, mine.toString()).statusCode()).isEqualTo(202);
        HttpResponse<String> other = http.post(TestConfig.ALL_TOKEN, theirs.toString());
        assertThat(other.statusCode()).isEqualTo(202);
        String id = mine.get("incidentId").asText();
        List<ConsumerRecord<byte[], byte[]>> records = infra.readUntil(topic, rs -> rs.stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).endsWith("/" + id)).count() >= 2,
                java.time.Duration.ofSeconds(30));
        assertThat(records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .filter(k -> k.endsWith("/" + id))).containsExactlyInAnyOrder(TestConfig.ELECTRICITY_OPERATOR + "/" + id,
                TestConfig.ALL_OPERATOR + "/" + id);
    }

    @Test
    void oneIncidentTakesAtMostItsBurstAndTheNextReportIs429WithNothingWritten() {
        ObjectNode body = Reports.valid(CONFIG, "gas");
        String id = body.get("incidentId").asText();
        for (int i = 0; i < IncidentRateLimiterDefaults.BURST; i++) {
            body.put("reportId", java.util.UUID.randomUUID().toString());
            body.put("reportType", i == 0 ? "INITIAL" : "UPDATE");
            assertThat(http.post(TestConfig.ALL_TOKEN, body.toString()).statusCode()).isEqualTo(202);
        }
        body.put("reportId", java.util.UUID.randomUUID().toString());
        HttpResponse<String> limited = http.post(TestConfig.ALL_TOKEN, body.toString());
        assertProblem(limited, 429, "incident-rate-limited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(Http.json(limited).path("detail").asText()).contains(id).contains("120 reports an hour");
        // another incident of the same operator is not held up
        assertThat(http.post(TestConfig.ALL_TOKEN, Reports.valid(CONFIG, "gas").toString()).statusCode()).isEqualTo(202);
        assertThat(recordsOf(id, IncidentRateLimiterDefaults.BURST)).hasSize(IncidentRateLimiterDefaults.BURST)
                .extracting(IncidentReport::getReportId).doesNotContain(body.get("reportId").asText());
    }

    /** The defaults ingest starts with (IngestOptions). */
    private static final class IncidentRateLimiterDefaults {
        static final int BURST = org.anshin.common.config.Operator.DEFAULT_INCIDENT_BURST;
    }

    @Test
    void resendingTheSameReportIdAnswersTheSame202AndLeavesDedupToRouting() {
        ObjectNode body = Reports.valid(CONFIG, "gas");
        HttpResponse<String> first = http.post(TestConfig.ALL_TOKEN, body.toString());
        HttpResponse<String> second = http.post(TestConfig.ALL_TOKEN, body.toString());
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(recordsOf(body.get("incidentId").asText(), 2)).extracting(IncidentReport::getReportId)
                .containsOnly(body.get("reportId").asText());
    }

    @Test
    void exerciseReportsGoToTheExerciseTopicNeverTheRealOne() {
        ObjectNode drill = Reports.valid(CONFIG, "water");
        drill.put("exercise", true);
        ObjectNode real = Reports.valid(CONFIG, "water");
        assertThat(http.post(TestConfig.ALL_TOKEN, drill.toString()).statusCode()).isEqualTo(202);
        assertThat(http.post(TestConfig.ALL_TOKEN, real.toString()).statusCode()).isEqualTo(202);
        assertThat(recordsOf(Topics.exercise(topic), drill.get("incidentId").asText(), 1).get(0).getExercise()).isTrue();
        // the drill was acknowledged before the real report was sent: read the real topic up to the real
        // report, and the drill must not be among what was read
        String realId = real.get("incidentId").asText();
        assertThat(infra.readUntil(topic, rs -> rs.stream().anyMatch(r -> (TestConfig.ALL_OPERATOR + "/" + realId)
                        .equals(new String(r.key(), StandardCharsets.UTF_8))), java.time.Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)))
                .doesNotContain(TestConfig.ALL_OPERATOR + "/" + drill.get("incidentId").asText());
    }

    @Test
    void invalidFieldsAre400ListingEachField() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        ((ObjectNode) body.get("impact")).put("supplyLossKW", 1);
        body.put("tlp", "PINK");
        HttpResponse<String> response = http.post(TestConfig.ALL_TOKEN, body.toString());
        assertProblem(response, 400, "invalid-report");
        assertThat(Http.json(response).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("impact.supplyLossKW", "tlp");
    }

    @Test
    void malformedJsonIs400() {
        HttpResponse<String> response = http.post(TestConfig.ALL_TOKEN, "{\"reportId\": ");
        assertProblem(response, 400, "invalid-report");
        assertThat(Http.json(response).path("errors").findValuesAsText("field")).containsExactly("body");
        assertProblem(http.post(TestConfig.ALL_TOKEN, "application/json", new byte[] {'{', '"', (byte) 0xFF, '"', '}'}),
                400, "invalid-report");
    }

    @Test
    void missingOrUnknownTokenIs401WithAChallenge() {
        HttpResponse<String> none = http.post(null, Reports.valid(CONFIG, "gas").toString());
        assertProblem(none, 401, "unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblem(http.post("not-a-token", Reports.valid(CONFIG, "gas").toString()), 401, "unauthorized");
        assertProblem(http.get("/v1/incidents/x", null), 401, "unauthorized");
    }

    @Test
    void aSectorTheOperatorMayNotReportForIs403() {
        HttpResponse<String> response = http.post(TestConfig.ELECTRICITY_TOKEN, Reports.valid(CONFIG, "gas").toString());
        assertProblem(response, 403, "forbidden-sector");
        assertThat(Http.json(response).path("detail").asText()).contains("gas");
    }

    @Test
    void overTheRateLimitIs429WithRetryAfter() {
        String body = Reports.valid(CONFIG, "electricity").toString();
        for (int i = 0; i < TestConfig.SLOW_BURST; i++) {
            assertThat(http.post(TestConfig.SLOW_TOKEN, body).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> limited = http.post(TestConfig.SLOW_TOKEN, body);
        assertProblem(limited, 429, "rate-limited");
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                s -> assertThat(s).isPositive());
    }

    @Test
    void bodiesOver64KiBAre413WithOrWithoutContentLength() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        body.put("summary", "x".repeat(70_000));
        byte[] big = body.toString().getBytes(StandardCharsets.UTF_8);
        Http.RawAnswer refused = http.postHeadOnly(TestConfig.ALL_TOKEN, big.length);
        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("too-large");
        // chunked: the server must read up to the limit to know; a body just over it leaves the client
        // only a little still to write when the 413 comes, so the answer is not lost to a broken pipe
        body.put("summary", "x".repeat(65_536));
        assertProblem(http.postChunked(TestConfig.ALL_TOKEN, body.toString().getBytes(StandardCharsets.UTF_8)), 413,
                "too-large");
        // a body just under the limit is read and judged on its fields instead
        body.put("summary", "x".repeat(60_000));
        assertProblem(http.post(TestConfig.ALL_TOKEN, body.toString()), 400, "invalid-report");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        byte[] body = Reports.valid(CONFIG, "electricity").toString().getBytes(StandardCharsets.UTF_8);
        assertProblem(http.post(TestConfig.ALL_TOKEN, "text/plain", body), 415, "unsupported-media-type");
        assertProblem(http.post(TestConfig.ALL_TOKEN, "application/json; charset=iso-8859-1", body), 415,
                "unsupported-media-type");
        assertThat(http.post(TestConfig.ALL_TOKEN, "application/json; charset=UTF-8", body).statusCode()).isEqualTo(202);
    }

    @Test
    void metricsOpenApiAndHealthAreServed() {
        assertThat(http.post(TestConfig.ALL_TOKEN, Reports.valid(CONFIG, "railway").toString()).statusCode()).isEqualTo(202);
        http.post("nope", "{}");
        assertThat(http.get("/no/such/path/" + java.util.UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).contains("anshin_reports_received_total{outcome=\"accepted\",sector=\"railway\"}")
                .contains("anshin_reports_received_total{outcome=\"unauthorized\",sector=\"unknown\"}")
                .contains("http_server_requests_seconds_count{method=\"POST\",status=\"202\",uri=\"/v1/incidents\"}")
                .contains("kafka_producer_record_send_total")
                .contains("uri=\"NOT_FOUND\"").doesNotContain("/no/such/path")
                .contains("jvm_memory_used_bytes");
        HttpResponse<String> openapi = http.get("/openapi.yaml", null);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).startsWith("openapi: 3.1.0").contains("/v1/incidents/{incidentId}");
        assertThat(http.get("/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/health/live", null).statusCode()).isEqualTo(200);
    }
}
