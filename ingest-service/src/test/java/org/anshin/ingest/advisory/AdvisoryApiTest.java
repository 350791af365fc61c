package org.anshin.ingest.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.anshin.ingest.http.Http;
import org.anshin.ingest.share.PostShareHandler;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The advisory API and sharing by agreement over real HTTP, against the shared real broker and registry, with
 * a small HTTP server playing routing-service's internal API (the routing engineer tests the real one).
 */
@WithKafkaAndRegistry
class AdvisoryApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG_DIR = TestConfig.write();
    private static final String ADDRESSED = UUID.randomUUID().toString();
    private static final String DRILL_ADDRESSED = UUID.randomUUID().toString();
    private static final String NOT_ADDRESSED = UUID.randomUUID().toString();
    private static final String ELECTRICITY_INCIDENT = UUID.randomUUID().toString();
    private static final String STRICT_INCIDENT = UUID.randomUUID().toString();
    private static final String RED_INCIDENT = UUID.randomUUID().toString();
    private static final String DRILL_INCIDENT = UUID.randomUUID().toString();

    private static Infra infra;
    private static FakeRouting routing;
    private static IngestService service;
    private static Http http;
    private static String advisories;
    private static String feedback;
    private static String shares;

    @BeforeAll
    static void start(Infra shared) {
        infra = shared;
        String reports = infra.uniqueTopic("incidents.reports");
        advisories = infra.uniqueTopic("advisories");
        feedback = infra.uniqueTopic("advisories.feedback");
        shares = infra.uniqueTopic("incidents.shares");
        for (String t : List.of(reports, advisories, feedback, shares)) {
            infra.createTopics(new NewTopic(t, 3, (short) 1), new NewTopic(Topics.exercise(t), 3, (short) 1));
        }
        routing = new FakeRouting();
        String electricity = TestConfig.ELECTRICITY_OPERATOR;
        routing.answers.put("/v1/advisories/" + ADDRESSED + "?operator=" + electricity,
                "{\"advisoryId\":\"" + ADDRESSED + "\",\"issuerId\":\"electricity\",\"exercise\":false}");
        routing.answers.put("/v1/advisories/" + DRILL_ADDRESSED + "?operator=" + electricity,
                "{\"advisoryId\":\"" + DRILL_ADDRESSED + "\",\"issuerId\":\"electricity\",\"exercise\":true}");
        routing.answers.put("/v1/advisories/" + ADDRESSED, "{\"advisory\":{\"advisoryId\":\"" + ADDRESSED
                + "\",\"issuerId\":\"electricity\"},\"counts\":{\"recipients\":1,\"feedback\":{\"useful\":1,"
                + "\"notUseful\":0,\"noAnswer\":2}}}");
        routing.answers.put("/v1/advisories?operator=" + electricity + "&exercise=false&limit=50",
                "{\"advisories\":[{\"advisoryId\":\"" + ADDRESSED + "\",\"feedback\":null}],\"nextCursor\":\"c2\"}");
        routing.answers.put("/v1/advisories?operator=" + electricity + "&exercise=false&limit=10&since="
                + "2026-11-25T00%3A00%3A00Z&cursor=c2", "{\"advisories\":[],\"nextCursor\":null}");
        routing.answers.put("/v1/records/" + ELECTRICITY_INCIDENT, record("electricity", "AMBER", false));
        routing.answers.put("/v1/records/" + STRICT_INCIDENT, record("electricity", "AMBER+STRICT", false));
        routing.answers.put("/v1/records/" + RED_INCIDENT, record("electricity", "RED", false));
        routing.answers.put("/v1/records/" + DRILL_INCIDENT, record("electricity", "GREEN", true));
        service = IngestRunner.startReady(CONFIG_DIR, infra.bootstrapServers(), infra.registryUrl(), reports,
                "--routing-url", routing.url(), "--advisories-topic", advisories, "--feedback-topic", feedback,
                "--shares-topic", shares);
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

    static ObjectNode advisory(String... sectors) {
        ObjectNode a = JSON.createObjectNode();
        a.put("advisoryId", UUID.randomUUID().toString());
        a.put("title", "Phishing campaign against control-system vendors");
        a.put("body", "Mails posing as a vendor's support ask for remote access.\nDo not grant it.");
        a.put("severity", "WARNING");
        a.put("tlp", "GREEN");
        var list = a.putArray("sectors");
        for (String s : sectors) {
            list.add(s);
        }
        a.putArray("references").add("https://www.nisc.go.jp/");
        a.putArray("relatedIncidentIds");
        a.put("exercise", false);
        a.putNull("expiresAt");
        return a;
    }

    private static <T extends SpecificRecord> List<T> recordsKeyed(String topic, String key, int count, Class<T> type) {
        var serde = ConfluentAvroSerde.forValue(type, new RestSchemaRegistryClient(infra.registryUrl()), false);
        List<ConsumerRecord<byte[], byte[]>> records = infra.readUntil(topic, rs -> rs.stream()
                .filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).count() >= count, Duration.ofSeconds(30));
        return records.stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> serde.deserialize(r.value())).toList();
    }

    private static boolean anyKeyed(String topic, String key) {
        return infra.readToEnd(topic, Duration.ofSeconds(30)).stream()
                .anyMatch(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8)));
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

    // --- POST /v1/advisories

    @Test
    void anIssuedAdvisoryIs202AndLandsOnAdvisoriesKeyedByItsIdThroughTheRegistry() {
        ObjectNode body = advisory("gas");
        Instant before = Instant.now().minusMillis(1);
        HttpResponse<String> response = http.postJson("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN, body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(Http.json(response).path("advisoryId").asText()).isEqualTo(body.get("advisoryId").asText());
        assertThat(Http.json(response).path("status").asText()).isEqualTo("accepted");
        assertThat(response.headers().firstValue("Location")).contains("/v1/advisories/" + body.get("advisoryId").asText());

        Advisory a = recordsKeyed(advisories, body.get("advisoryId").asText(), 1, Advisory.class).get(0);
        assertThat(a.getIssuerId()).isEqualTo("gas");
        assertThat(a.getIssuerRole()).isEqualTo("ceptoar");
        assertThat(a.getSeverity()).isEqualTo(AdvisorySeverity.WARNING);
        assertThat(a.getTlp()).isEqualTo(Tlp.GREEN);
        assertThat(a.getSectors()).containsExactly("gas");
        assertThat(a.getAllSectors()).isFalse();
        assertThat(a.getReferences()).containsExactly("https://www.nisc.go.jp/");
        assertThat(a.getIssuedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(a.getExercise()).isFalse();
    }

    @Test
    void niscAdvisesAllSectorsAndTheRecordListsEverySector() {
        ObjectNode body = advisory("all");
        body.put("severity", "CRITICAL");
        body.put("tlp", "AMBER+STRICT");
        body.put("expiresAt", Instant.now().plus(Duration.ofDays(7)).toString());
        assertThat(http.postJson("/v1/advisories", TestConfig.NISC_TOKEN, body.toString()).statusCode()).isEqualTo(202);
        Advisory a = recordsKeyed(advisories, body.get("advisoryId").asText(), 1, Advisory.class).get(0);
        assertThat(a.getAllSectors()).isTrue();
        assertThat(a.getSectors()).hasSize(14).contains("electricity", "government");
        assertThat(a.getTlp()).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(a.getIssuerRole()).isEqualTo("nisc");
        assertThat(a.getExpiresAt()).isNotNull();
    }

    @Test
    void aResentAdvisoryIdIs202AgainAndRoutingKeepsTheFirst() {
        ObjectNode body = advisory("electricity");
        String id = body.get("advisoryId").asText();
        assertThat(http.postJson("/v1/advisories", TestConfig.ELECTRICITY_SECRETARIAT_TOKEN, body.toString())
                .statusCode()).isEqualTo(202);
        HttpResponse<String> again = http.postJson("/v1/advisories", TestConfig.ELECTRICITY_SECRETARIAT_TOKEN,
                body.toString());
        assertThat(again.statusCode()).isEqualTo(202);
        // both are written under the same key, on the same partition, in order: routing's dedup keeps the first
        List<ConsumerRecord<byte[], byte[]>> both = infra.readUntil(advisories, rs -> rs.stream()
                .filter(r -> id.equals(new String(r.key(), StandardCharsets.UTF_8))).count() >= 2, Duration.ofSeconds(30));
        assertThat(both.stream().filter(r -> id.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(ConsumerRecord::partition).distinct()).hasSize(1);
    }

    @Test
    void aDrillAdvisoryGoesToExerciseAdvisoriesOnly() {
        ObjectNode body = advisory("gas");
        body.put("exercise", true);
        String id = body.get("advisoryId").asText();
        assertThat(http.postJson("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN, body.toString()).statusCode())
                .isEqualTo(202);
        assertThat(recordsKeyed(Topics.exercise(advisories), id, 1, Advisory.class).get(0).getExercise()).isTrue();
        assertThat(anyKeyed(advisories, id)).isFalse(); // acked before the 202, so it would be there by now
    }

    @Test
    void badFieldsAre400NamingEachField() {
        ObjectNode body = advisory("gas");
        body.put("advisoryId", "not-a-uuid");
        body.put("title", "x".repeat(201));
        body.put("body", "");
        body.put("severity", "SEVERE");
        body.put("tlp", "AMBER_STRICT");
        body.putArray("references").add("ftp://example.org/x").add("javascript:alert(1)");
        var related = body.putArray("relatedIncidentIds");
        for (int i = 0; i < 51; i++) {
            related.add("inc-" + i);
        }
        body.put("exercise", "yes");
        body.put("expiresAt", "2020-01-01T00:00:00Z");
        body.put("sector", "gas");
        JsonNode p = problem(http.postJson("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN, body.toString()), 400,
                "invalid-advisory");
        assertThat(fields(p)).contains("advisoryId", "title", "body", "severity", "tlp", "references[0]",
                "references[1]", "relatedIncidentIds", "exercise", "expiresAt", "sector");

        ObjectNode sectors = advisory("gas", "nuclear");
        assertThat(fields(problem(http.postJson("/v1/advisories", TestConfig.NISC_TOKEN, sectors.toString()), 400,
                "invalid-advisory"))).containsExactly("sectors[1]");
        assertThat(fields(problem(http.postJson("/v1/advisories", TestConfig.NISC_TOKEN, advisory().toString()), 400,
                "invalid-advisory"))).containsExactly("sectors");
        assertThat(fields(problem(http.postJson("/v1/advisories", TestConfig.NISC_TOKEN, advisory("all", "gas")
                .toString()), 400, "invalid-advisory"))).containsExactly("sectors");
        ObjectNode missing = JSON.createObjectNode();
        assertThat(fields(problem(http.postJson("/v1/advisories", TestConfig.NISC_TOKEN, missing.toString()), 400,
                "invalid-advisory"))).contains("advisoryId", "title", "body", "severity", "sectors");
    }

    @Test
    void redIsRefusedWithTheReason() {
        ObjectNode body = advisory("gas");
        body.put("tlp", "RED");
        JsonNode p = problem(http.postJson("/v1/advisories", TestConfig.NISC_TOKEN, body.toString()), 400,
                "invalid-advisory");
        assertThat(p.path("detail").asText()).isEqualTo(AdvisoryValidator.RED_REFUSED);
        assertThat(anyKeyed(advisories, body.get("advisoryId").asText())).isFalse();
    }

    @Test
    void whoMayIssue401And403() {
        String body = advisory("electricity").toString();
        problem(http.postJson("/v1/advisories", null, body), 401, "unauthorized");
        problem(http.postJson("/v1/advisories", "no-such-token-0123456789", body), 401, "unauthorized");
        // an operator's token is valid, but not a secretariat's
        problem(http.postJson("/v1/advisories", TestConfig.ELECTRICITY_TOKEN, body), 403, "forbidden");
        // another CEPTOAR's secretariat may not advise electricity, nor every sector
        JsonNode p = problem(http.postJson("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN, body), 403, "forbidden-sector");
        assertThat(p.path("detail").asText()).contains("electricity");
        problem(http.postJson("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN, advisory("all").toString()), 403,
                "forbidden-sector");
        problem(http.postJson("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN, advisory("gas", "electricity")
                .toString()), 403, "forbidden-sector");
        // and a secretariat's token does not read an operator's advisories
        problem(http.get("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN), 403, "forbidden");
        problem(http.get("/v1/advisories", null), 401, "unauthorized");
    }

    @Test
    void mediaTypeAndDuplicateKeysAreRefusedAsForReports() {
        problem(http.post("/v1/advisories", TestConfig.NISC_TOKEN, "text/plain", advisory("gas").toString()), 415,
                "unsupported-media-type");
        problem(http.post("/v1/advisories", TestConfig.NISC_TOKEN, "application/json",
                advisory("gas").put("body", "x".repeat(200_000)).toString()), 413, "too-large");
        String dup = "{\"title\":\"a\",\"title\":\"b\"}";
        problem(http.postJson("/v1/advisories", TestConfig.NISC_TOKEN, dup), 400, "invalid-advisory");
    }

    // --- GET /v1/advisories, GET /v1/advisories/{id}

    @Test
    void anOperatorListsItsAdvisoriesThroughRoutingWithItsOwnId() {
        HttpResponse<String> first = http.get("/v1/advisories", TestConfig.ELECTRICITY_TOKEN);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(Http.json(first).path("advisories").get(0).path("advisoryId").asText()).isEqualTo(ADDRESSED);
        assertThat(Http.json(first).path("nextCursor").asText()).isEqualTo("c2");
        HttpResponse<String> next = http.get("/v1/advisories?since=2026-11-25T09:00:00%2B09:00&cursor=c2&limit=10",
                TestConfig.ELECTRICITY_TOKEN);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(Http.json(next).path("advisories")).isEmpty();
        problem(http.get("/v1/advisories?since=yesterday", TestConfig.ELECTRICITY_TOKEN), 400, "invalid-query");
        problem(http.get("/v1/advisories?limit=0", TestConfig.ELECTRICITY_TOKEN), 400, "invalid-query");
        problem(http.get("/v1/advisories?exercise=maybe", TestConfig.ELECTRICITY_TOKEN), 400, "invalid-query");
    }

    @Test
    void theIssuerAndNiscSeeTheCountsOtherSecretariatsDoNot() {
        HttpResponse<String> issuer = http.get("/v1/advisories/" + ADDRESSED, TestConfig.ELECTRICITY_SECRETARIAT_TOKEN);
        assertThat(issuer.statusCode()).as(issuer.body()).isEqualTo(200);
        assertThat(Http.json(issuer).path("counts").path("feedback").path("noAnswer").asInt()).isEqualTo(2);
        assertThat(http.get("/v1/advisories/" + ADDRESSED, TestConfig.NISC_TOKEN).statusCode()).isEqualTo(200);
        problem(http.get("/v1/advisories/" + ADDRESSED, TestConfig.GAS_SECRETARIAT_TOKEN), 403, "forbidden");
        problem(http.get("/v1/advisories/" + ADDRESSED, TestConfig.ELECTRICITY_TOKEN), 403, "forbidden");
        problem(http.get("/v1/advisories/" + UUID.randomUUID(), TestConfig.NISC_TOKEN), 404, "not-found");
        problem(http.get("/v1/advisories/not-a-uuid", TestConfig.NISC_TOKEN), 404, "not-found");
    }

    // --- POST /v1/advisories/{id}/feedback

    @Test
    void feedbackFromAnAddressedOperatorIs202AndWrittenNotAddressedIs404() {
        String answer = "{\"useful\":true,\"actionTaken\":\"blocked the sender domain\",\"comment\":\"thanks\"}";
        HttpResponse<String> ok = http.postJson("/v1/advisories/" + ADDRESSED + "/feedback", TestConfig.ELECTRICITY_TOKEN,
                answer);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        assertThat(Http.json(ok).path("advisoryId").asText()).isEqualTo(ADDRESSED);
        assertThat(Http.json(ok).path("status").asText()).isEqualTo("accepted");
        AdvisoryFeedback f = recordsKeyed(feedback, ADDRESSED, 1, AdvisoryFeedback.class).get(0);
        assertThat(f.getOperatorId()).isEqualTo(TestConfig.ELECTRICITY_OPERATOR);
        assertThat(f.getUseful()).isTrue();
        assertThat(f.getActionTaken()).isEqualTo("blocked the sender domain");
        assertThat(UUID.fromString(f.getFeedbackId())).isNotNull();
        assertThat(f.getExercise()).isFalse();

        // routing says it was not addressed to this operator (nor is an unknown id): the same 404, nothing written
        problem(http.postJson("/v1/advisories/" + ADDRESSED + "/feedback", TestConfig.ALL_TOKEN, answer), 404, "not-found");
        problem(http.postJson("/v1/advisories/" + NOT_ADDRESSED + "/feedback", TestConfig.ELECTRICITY_TOKEN, answer), 404,
                "not-found");
        assertThat(anyKeyed(feedback, NOT_ADDRESSED)).isFalse();
        assertThat(routing.asked).contains("/v1/advisories/" + ADDRESSED + "?operator=" + TestConfig.ALL_OPERATOR);
        // a secretariat does not answer advisories
        problem(http.postJson("/v1/advisories/" + ADDRESSED + "/feedback", TestConfig.NISC_TOKEN, answer), 403, "forbidden");
    }

    @Test
    void feedbackOnADrillGoesToTheExerciseTwinAndBadBodiesAre400() {
        assertThat(http.postJson("/v1/advisories/" + DRILL_ADDRESSED + "/feedback", TestConfig.ELECTRICITY_TOKEN,
                "{\"useful\":false}").statusCode()).isEqualTo(202);
        assertThat(recordsKeyed(Topics.exercise(feedback), DRILL_ADDRESSED, 1, AdvisoryFeedback.class).get(0).getUseful())
                .isFalse();
        assertThat(anyKeyed(feedback, DRILL_ADDRESSED)).isFalse();
        JsonNode p = problem(http.postJson("/v1/advisories/" + ADDRESSED + "/feedback", TestConfig.ELECTRICITY_TOKEN,
                "{\"useful\":\"yes\",\"comment\":\"" + "x".repeat(2001) + "\",\"rating\":5}"), 400, "invalid-feedback");
        assertThat(fields(p)).containsExactlyInAnyOrder("useful", "comment", "rating");
        assertThat(fields(problem(http.postJson("/v1/advisories/" + ADDRESSED + "/feedback", TestConfig.ELECTRICITY_TOKEN,
                "{}"), 400, "invalid-feedback"))).containsExactly("useful");
    }

    // --- POST /v1/incidents/{incidentKey}/shares

    @Test
    void sharingWithAnAgreementIs202AndWritesADeterministicShare() {
        String body = "{\"to\":\"gas\",\"note\":\"the grid fault may reach gas control systems\"}";
        HttpResponse<String> ok = http.postJson("/v1/incidents/" + ELECTRICITY_INCIDENT + "/shares",
                TestConfig.ELECTRICITY_SECRETARIAT_TOKEN, body);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        String shareId = PostShareHandler.shareId(ELECTRICITY_INCIDENT, "electricity", "gas");
        assertThat(Http.json(ok).path("shareId").asText()).isEqualTo(shareId);
        IncidentShare share = recordsKeyed(shares, ELECTRICITY_INCIDENT, 1, IncidentShare.class).get(0);
        assertThat(share.getShareId()).isEqualTo(shareId);
        assertThat(share.getFromCeptoar()).isEqualTo("electricity");
        assertThat(share.getToCeptoar()).isEqualTo("gas");
        assertThat(share.getNote()).contains("gas control");
        assertThat(share.getExercise()).isFalse();
    }

    @Test
    void sharingIsRefusedWithoutAnAgreementForStrictOrRedAndByAnotherCeptoar() {
        String incident = "/v1/incidents/" + ELECTRICITY_INCIDENT + "/shares";
        problem(http.postJson(incident, TestConfig.ELECTRICITY_SECRETARIAT_TOKEN, "{\"to\":\"telecom\"}"), 403,
                "no-sharing-agreement");
        problem(http.postJson("/v1/incidents/" + STRICT_INCIDENT + "/shares", TestConfig.ELECTRICITY_SECRETARIAT_TOKEN,
                "{\"to\":\"gas\"}"), 403, "tlp-forbids-sharing");
        problem(http.postJson("/v1/incidents/" + RED_INCIDENT + "/shares", TestConfig.ELECTRICITY_SECRETARIAT_TOKEN,
                "{\"to\":\"gas\"}"), 403, "tlp-forbids-sharing");
        // gas's secretariat may not share electricity's incident, even with an agreement in place
        problem(http.postJson(incident, TestConfig.GAS_SECRETARIAT_TOKEN, "{\"to\":\"electricity\"}"), 403, "forbidden");
        problem(http.postJson(incident, TestConfig.NISC_TOKEN, "{\"to\":\"gas\"}"), 403, "forbidden");
        problem(http.postJson(incident, TestConfig.ELECTRICITY_TOKEN, "{\"to\":\"gas\"}"), 403, "forbidden");
        problem(http.postJson("/v1/incidents/" + UUID.randomUUID() + "/shares", TestConfig.ELECTRICITY_SECRETARIAT_TOKEN,
                "{\"to\":\"gas\"}"), 404, "not-found");
        assertThat(fields(problem(http.postJson(incident, TestConfig.ELECTRICITY_SECRETARIAT_TOKEN,
                "{\"to\":\"nuclear\",\"cc\":\"x\"}"), 400, "invalid-share"))).containsExactlyInAnyOrder("to", "cc");
        assertThat(anyKeyed(shares, STRICT_INCIDENT)).isFalse();
        assertThat(anyKeyed(shares, RED_INCIDENT)).isFalse();
    }

    @Test
    void aDrillIncidentIsSharedOnTheExerciseTwinOnly() {
        assertThat(http.postJson("/v1/incidents/" + DRILL_INCIDENT + "/shares", TestConfig.ELECTRICITY_SECRETARIAT_TOKEN,
                "{\"to\":\"gas\"}").statusCode()).isEqualTo(202);
        assertThat(recordsKeyed(Topics.exercise(shares), DRILL_INCIDENT, 1, IncidentShare.class).get(0).getExercise())
                .isTrue();
        assertThat(anyKeyed(shares, DRILL_INCIDENT)).isFalse();
    }

    // --- the document

    @Test
    void openapiDocumentsEveryPathAndProblemType() {
        String doc = http.get("/openapi.yaml", null).body();
        assertThat(doc).contains("/v1/advisories:", "/v1/advisories/{advisoryId}:", "/v1/advisories/{advisoryId}/feedback:",
                "/v1/incidents/{incidentKey}/shares:");
        for (org.anshin.ingest.http.Problem p : org.anshin.ingest.http.Problem.values()) {
            assertThat(doc).as(p.slug()).contains(p.slug());
        }
        assertThat(doc).contains("Advisory:", "AdvisoryFeedback:", "Share:");
    }
}
