package org.anshin.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.IngestRunner;
import org.anshin.ingest.IngestService;
import org.anshin.ingest.Reports;
import org.anshin.ingest.TestConfig;
import org.anshin.ingest.advisory.FakeRouting;
import org.anshin.ingest.auth.Callers;
import org.anshin.ingest.http.IngestHttp;
import org.anshin.ingest.http.Problem;
import org.anshin.ingest.http.ProblemTypes;
import org.anshin.schemas.Topics;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml against the real service: every documented (path, method, status) is produced here over HTTP
 * (a ready ingest on the shared broker with a fake routing-service, and one with neither Kafka nor routing for
 * the 503s), each answer is validated against the document (status, headers, content type, body schema), and
 * every route Javalin serves must be documented. {@link #PRODUCED} is the one list of what was produced, so a
 * failure names exactly the documented responses nothing produced.
 */
@WithKafkaAndRegistry
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG_DIR = TestConfig.write();
    private static final AnshinConfig CONFIG = AnshinConfig.load(CONFIG_DIR);
    private static final OpenApiDocument DOC = new OpenApiDocument();
    /** "METHOD /template STATUS" of every answer checked against the document. */
    private static final Set<String> PRODUCED = new LinkedHashSet<>();
    private static final List<String> MISMATCHES = new ArrayList<>();

    private static final String ADVISORY = UUID.randomUUID().toString();
    private static final String INCIDENT_KEY = UUID.randomUUID().toString();
    private static final String ELECTRICITY = TestConfig.ELECTRICITY_OPERATOR;

    private static FakeRouting routing;
    private static IngestService ready;
    private static IngestService down;
    private static Client up;
    private static Client off;

    @BeforeAll
    static void start(Infra infra) throws IOException {
        String reports = infra.uniqueTopic("incidents.reports");
        String advisories = infra.uniqueTopic("advisories");
        String feedback = infra.uniqueTopic("advisories.feedback");
        String shares = infra.uniqueTopic("incidents.shares");
        String acks = infra.uniqueTopic("incidents.acknowledgements");
        for (String t : List.of(reports, advisories, feedback, shares, acks)) {
            infra.createTopics(new NewTopic(t, 1, (short) 1), new NewTopic(Topics.exercise(t), 1, (short) 1));
        }
        routing = new FakeRouting();
        routing.answers.put("/v1/operators/" + ELECTRICITY + "/incidents/mine-1?exercise=false", incidentView());
        routing.answers.put("/v1/advisories?operator=" + ELECTRICITY + "&exercise=false&limit=50",
                "{\"advisories\":[{\"advisoryId\":\"" + ADVISORY + "\",\"title\":\"t\",\"severity\":\"INFO\","
                        + "\"tlp\":\"GREEN\",\"feedback\":null}],\"nextCursor\":null}");
        routing.answers.put("/v1/advisories/" + ADVISORY, "{\"advisory\":{\"advisoryId\":\"" + ADVISORY
                + "\",\"issuerId\":\"electricity\"},\"counts\":{\"recipients\":1,\"feedback\":{\"useful\":1,"
                + "\"notUseful\":0,\"noAnswer\":0}}}");
        routing.answers.put("/v1/advisories/" + ADVISORY + "?operator=" + ELECTRICITY,
                "{\"advisoryId\":\"" + ADVISORY + "\",\"issuerId\":\"electricity\",\"exercise\":false}");
        routing.answers.put("/v1/records/" + INCIDENT_KEY, "{\"incidentKey\":\"" + INCIDENT_KEY
                + "\",\"operatorId\":\"op\",\"sector\":\"electricity\",\"tlp\":\"AMBER\",\"exercise\":false}");
        ready = IngestRunner.startReady(CONFIG_DIR, infra.bootstrapServers(), infra.registryUrl(), reports,
                "--routing-url", routing.url(), "--advisories-topic", advisories, "--feedback-topic", feedback,
                "--shares-topic", shares, "--acknowledgements-topic", acks);
        down = IngestRunner.start(CONFIG_DIR, "127.0.0.1:" + freePort(), "http://127.0.0.1:1/apis/ccompat/v7",
                "incidents.reports", "--routing-url", "http://127.0.0.1:" + freePort(), "--max-block-ms", "500");
        up = new Client(ready.port());
        off = new Client(down.port());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {ready, down, routing}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String incidentView() {
        return "{\"incidentId\":\"mine-1\",\"incidentKey\":\"" + UUID.randomUUID() + "\",\"operatorId\":\""
                + ELECTRICITY + "\",\"sector\":\"electricity\",\"exercise\":false,\"status\":\"OPEN\","
                + "\"classification\":\"EXCEEDS_VERIFICATION_LEVEL\",\"serviceLevelBreached\":null,"
                + "\"reason\":\"supplyLossKw 150000 >= 100000\",\"tlp\":\"AMBER\",\"occurredAt\":\"2026-11-25T00:00:00Z\","
                + "\"resolvedAt\":null,\"updatedAt\":\"2026-11-25T00:01:00Z\",\"lastNoticeType\":\"NEW\","
                + "\"reportsAccepted\":1,\"notices\":[{\"noticeType\":\"NEW\",\"at\":\"2026-11-25T00:01:00Z\","
                + "\"recipients\":[\"electricity\",\"nisc\"]}],\"timeline\":[]}";
    }

    /** Checks one answer against the document and records it as produced. */
    private static OpenApiDocument.Answer expect(int status, String method, String template, OpenApiDocument.Answer a) {
        String key = method + " " + template + " " + a.status();
        if (a.status() != status) {
            MISMATCHES.add(key + ": expected " + status + " (" + a.body() + ")");
            return a;
        }
        List<String> errors = DOC.check(method, template, a);
        if (errors.isEmpty()) {
            PRODUCED.add("*".equals(template) ? "* * " + a.status() : key);
        } else {
            MISMATCHES.add(key + ": " + errors + " in " + a.body());
        }
        return a;
    }

    @Test
    void everyDocumentedResponseIsProducedAndMatchesTheDocument() {
        incidents();
        advisories();
        feedbackSharesAndAcknowledgements();
        opsAndDocs();
        rateLimits();
        unavailable();
        anyRoute();

        Set<String> missing = new TreeSet<>(DOC.documentedResponses());
        missing.removeAll(PRODUCED);
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(MISMATCHES).as("answers that do not match openapi.yaml").isEmpty();
            soft.assertThat(missing).as("documented responses no test produced").isEmpty();
            soft.assertThat(PRODUCED).as("produced but not documented").isSubsetOf(DOC.documentedResponses());
        });
    }

    private static void incidents() {
        String p = "/v1/incidents";
        String all = TestConfig.ALL_TOKEN;
        expect(202, "POST", p, up.postJson(p, all, Reports.valid(CONFIG, "gas").toString()));
        expect(400, "POST", p, up.postJson(p, all, "{}"));
        expect(401, "POST", p, up.postJson(p, null, Reports.valid(CONFIG, "gas").toString()));
        expect(403, "POST", p, up.postJson(p, TestConfig.ELECTRICITY_TOKEN, Reports.valid(CONFIG, "gas").toString()));
        expect(413, "POST", p, up.postTooLarge(p, all));
        expect(415, "POST", p, up.send("POST", p, all, "text/plain", "x"));
        String one = "/v1/incidents/{incidentId}";
        expect(200, "GET", one, up.get("/v1/incidents/mine-1", TestConfig.ELECTRICITY_TOKEN));
        expect(400, "GET", one, up.get("/v1/incidents/mine-1?exercise=maybe", TestConfig.ELECTRICITY_TOKEN));
        expect(401, "GET", one, up.get("/v1/incidents/mine-1", null));
        expect(404, "GET", one, up.get("/v1/incidents/unknown-1", TestConfig.ELECTRICITY_TOKEN));
    }

    private static void advisories() {
        String p = "/v1/advisories";
        String gas = TestConfig.GAS_SECRETARIAT_TOKEN;
        expect(202, "POST", p, up.postJson(p, gas, advisory("GREEN", "gas")));
        expect(400, "POST", p, up.postJson(p, gas, advisory("RED", "gas")));
        expect(401, "POST", p, up.postJson(p, null, advisory("GREEN", "gas")));
        expect(403, "POST", p, up.postJson(p, TestConfig.ELECTRICITY_TOKEN, advisory("GREEN", "gas")));
        expect(413, "POST", p, up.postTooLarge(p, gas));
        expect(415, "POST", p, up.send("POST", p, gas, "text/plain", "x"));
        expect(200, "GET", p, up.get(p, TestConfig.ELECTRICITY_TOKEN));
        expect(400, "GET", p, up.get(p + "?limit=0", TestConfig.ELECTRICITY_TOKEN));
        expect(401, "GET", p, up.get(p, null));
        expect(403, "GET", p, up.get(p, TestConfig.NISC_TOKEN));
        String one = "/v1/advisories/{advisoryId}";
        expect(200, "GET", one, up.get(p + "/" + ADVISORY, TestConfig.NISC_TOKEN));
        expect(401, "GET", one, up.get(p + "/" + ADVISORY, null));
        expect(403, "GET", one, up.get(p + "/" + ADVISORY, TestConfig.ELECTRICITY_TOKEN));
        expect(404, "GET", one, up.get(p + "/" + UUID.randomUUID(), TestConfig.NISC_TOKEN));
    }

    private static void feedbackSharesAndAcknowledgements() {
        String f = "/v1/advisories/{advisoryId}/feedback";
        String fp = "/v1/advisories/" + ADVISORY + "/feedback";
        String op = TestConfig.ELECTRICITY_TOKEN;
        expect(202, "POST", f, up.postJson(fp, op, "{\"useful\":true}"));
        expect(400, "POST", f, up.postJson(fp, op, "{}"));
        expect(401, "POST", f, up.postJson(fp, null, "{\"useful\":true}"));
        expect(403, "POST", f, up.postJson(fp, TestConfig.NISC_TOKEN, "{\"useful\":true}"));
        expect(404, "POST", f, up.postJson("/v1/advisories/" + UUID.randomUUID() + "/feedback", op, "{\"useful\":true}"));
        expect(413, "POST", f, up.postTooLarge(fp, op));
        expect(415, "POST", f, up.send("POST", fp, op, "text/plain", "x"));

        String s = "/v1/incidents/{incidentKey}/shares";
        String sp = "/v1/incidents/" + INCIDENT_KEY + "/shares";
        String ceptoar = TestConfig.ELECTRICITY_SECRETARIAT_TOKEN;
        expect(202, "POST", s, up.postJson(sp, ceptoar, "{\"to\":\"gas\"}"));
        expect(400, "POST", s, up.postJson(sp, ceptoar, "{}"));
        expect(401, "POST", s, up.postJson(sp, null, "{\"to\":\"gas\"}"));
        expect(403, "POST", s, up.postJson(sp, TestConfig.GAS_SECRETARIAT_TOKEN, "{\"to\":\"electricity\"}"));
        expect(404, "POST", s, up.postJson("/v1/incidents/" + UUID.randomUUID() + "/shares", ceptoar, "{\"to\":\"gas\"}"));
        expect(413, "POST", s, up.postTooLarge(sp, ceptoar));
        expect(415, "POST", s, up.send("POST", sp, ceptoar, "text/plain", "x"));

        String a = "/v1/incidents/{incidentKey}/acknowledgements";
        String ap = "/v1/incidents/" + INCIDENT_KEY + "/acknowledgements";
        String nisc = TestConfig.NISC_TOKEN;
        expect(202, "POST", a, up.postJson(ap, nisc, "{\"note\":\"we have it\"}"));
        expect(400, "POST", a, up.postJson(ap, nisc, "{\"note\":\"" + "x".repeat(2001) + "\"}"));
        expect(401, "POST", a, up.postJson(ap, null, "{}"));
        expect(403, "POST", a, up.postJson(ap, TestConfig.MINISTRY_TOKEN, "{}"));
        expect(404, "POST", a, up.postJson("/v1/incidents/" + UUID.randomUUID() + "/acknowledgements", nisc, "{}"));
        expect(413, "POST", a, up.postTooLarge(ap, nisc));
        expect(415, "POST", a, up.send("POST", ap, nisc, "text/plain", "x"));
    }

    private static void opsAndDocs() {
        expect(200, "GET", "/openapi.yaml", up.get("/openapi.yaml", null));
        expect(200, "GET", "/health/live", up.get("/health/live", null));
        expect(200, "GET", "/health/ready", up.get("/health/ready", null));
        expect(200, "GET", "/metrics", up.get("/metrics", null));
        expect(200, "GET", "/problems/{name}", up.get("/problems/invalid-report", null));
        expect(404, "GET", "/problems/{name}", up.get("/problems/no-such-problem", null));
    }

    /** The slow operator's bucket (burst 3) serves every operator endpoint; each secretariat has one bucket. */
    private static void rateLimits() {
        String slow = TestConfig.SLOW_TOKEN;
        for (int i = 0; i < TestConfig.SLOW_BURST; i++) {
            up.get("/v1/incidents/unknown-1", slow);
        }
        expect(429, "GET", "/v1/incidents/{incidentId}", up.get("/v1/incidents/unknown-1", slow));
        expect(429, "POST", "/v1/incidents", up.postJson("/v1/incidents", slow, Reports.valid(CONFIG, "electricity").toString()));
        expect(429, "GET", "/v1/advisories", up.get("/v1/advisories", slow));
        expect(429, "POST", "/v1/advisories/{advisoryId}/feedback",
                up.postJson("/v1/advisories/" + ADVISORY + "/feedback", slow, "{\"useful\":true}"));
        String telecom = TestConfig.TELECOM_SECRETARIAT_TOKEN;
        expect(429, "GET", "/v1/advisories/{advisoryId}", limited(telecom, () -> up.get("/v1/advisories/" + ADVISORY, telecom)));
        expect(429, "POST", "/v1/advisories", limited(telecom,
                () -> up.postJson("/v1/advisories", telecom, advisory("GREEN", "telecom"))));
        expect(429, "POST", "/v1/incidents/{incidentKey}/shares", limited(telecom,
                () -> up.postJson("/v1/incidents/" + INCIDENT_KEY + "/shares", telecom, "{\"to\":\"gas\"}")));
        expect(429, "POST", "/v1/incidents/{incidentKey}/acknowledgements", limited(telecom,
                () -> up.postJson("/v1/incidents/" + INCIDENT_KEY + "/acknowledgements", telecom, "{}")));
    }

    /**
     * {@code request} right after the secretariat's bucket ran dry. It refills (5 a second), so a slow machine
     * may find a token again in between: then drain and ask again, a few times.
     */
    private static OpenApiDocument.Answer limited(String token, java.util.function.Supplier<OpenApiDocument.Answer> request) {
        OpenApiDocument.Answer last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            for (int i = 0; i <= Callers.SECRETARIAT_BURST * 2
                    && up.get("/v1/advisories/not-a-uuid", token).status() != 429; i++) {
                // draining: every answer but 429 takes a token
            }
            last = request.get();
            if (last.status() == 429) {
                return last;
            }
        }
        return last;
    }

    /** Neither Kafka nor routing behind the second ingest. */
    private static void unavailable() {
        String id = UUID.randomUUID().toString();
        expect(503, "POST", "/v1/incidents", off.postJson("/v1/incidents", TestConfig.ALL_TOKEN,
                Reports.valid(CONFIG, "gas").toString()));
        expect(503, "GET", "/v1/incidents/{incidentId}", off.get("/v1/incidents/mine-1", TestConfig.ELECTRICITY_TOKEN));
        expect(503, "POST", "/v1/advisories", off.postJson("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN,
                advisory("GREEN", "gas")));
        expect(503, "GET", "/v1/advisories", off.get("/v1/advisories", TestConfig.ELECTRICITY_TOKEN));
        expect(503, "GET", "/v1/advisories/{advisoryId}", off.get("/v1/advisories/" + id, TestConfig.NISC_TOKEN));
        expect(503, "POST", "/v1/advisories/{advisoryId}/feedback",
                off.postJson("/v1/advisories/" + id + "/feedback", TestConfig.ELECTRICITY_TOKEN, "{\"useful\":true}"));
        expect(503, "POST", "/v1/incidents/{incidentKey}/shares",
                off.postJson("/v1/incidents/" + id + "/shares", TestConfig.ELECTRICITY_SECRETARIAT_TOKEN, "{\"to\":\"gas\"}"));
        expect(503, "POST", "/v1/incidents/{incidentKey}/acknowledgements",
                off.postJson("/v1/incidents/" + id + "/acknowledgements", TestConfig.NISC_TOKEN, "{}"));
        expect(503, "GET", "/health/ready", off.get("/health/ready", null));
    }

    /** 404 and 405 of no particular route, from the real service; the 500 from the same error handling. */
    private static void anyRoute() {
        expect(404, "GET", "*", up.get("/v2/nothing-here", TestConfig.ALL_TOKEN));
        OpenApiDocument.Answer wrong = expect(405, "DELETE", "*", up.send("DELETE", "/v1/incidents", TestConfig.ALL_TOKEN,
                null, null));
        assertThat(wrong.headers().get("allow")).as("Allow of /v1/incidents").isEqualTo("POST");
        expect(500, "GET", "*", failing());
    }

    /** IngestHttp's error handling on a route that fails unexpectedly: the cause must not reach the answer. */
    private static OpenApiDocument.Answer failing() {
        Javalin app = Javalin.create(config -> {
            IngestHttp.errorHandling(config, new ProblemTypes(Optional.empty()));
            config.routes.get("/fails", ctx -> {
                throw new IllegalStateException("secret-db-password-in-message");
            });
        }).start("127.0.0.1", 0);
        try {
            OpenApiDocument.Answer a = new Client(app.port()).get("/fails", null);
            assertThat(a.body()).doesNotContain("secret-db-password", "IllegalStateException", "at org.");
            return a;
        } finally {
            app.stop();
        }
    }

    /** The checks can fail: answers the document does not allow are refused, each for its reason. */
    @Test
    void theDocumentRefusesWhatItDoesNotAllow() {
        java.util.Map<String, String> problemJson = java.util.Map.of("content-type", Problem.CONTENT_TYPE);
        String good = "{\"type\":\"http://127.0.0.1:8080/problems/not-found\",\"title\":\"t\",\"status\":404,"
                + "\"detail\":\"d\",\"instance\":\"/x\"}";
        assertThat(DOC.check("GET", "*", new OpenApiDocument.Answer(404, problemJson, good))).isEmpty();
        assertThat(DOC.check("GET", "*", new OpenApiDocument.Answer(404, problemJson,
                good.replace("http://127.0.0.1:8080/problems/not-found", "/problems/not-found")))).as("relative type")
                .singleElement().asString().contains("type");
        assertThat(DOC.check("GET", "*", new OpenApiDocument.Answer(404, problemJson,
                good.replace("}", ",\"trace\":\"at org.anshin...\"}")))).as("a stack trace field").isNotEmpty();
        assertThat(DOC.check("GET", "*", new OpenApiDocument.Answer(404, java.util.Map.of("content-type", "text/html"),
                "<h1>Not found</h1>"))).as("not problem+json").singleElement().asString().contains("content type");
        assertThat(DOC.check("GET", "*", new OpenApiDocument.Answer(405, problemJson, good.replace("404", "405"))))
                .as("405 without Allow").singleElement().asString().contains("Allow");
        assertThat(DOC.check("POST", "/v1/incidents", new OpenApiDocument.Answer(202, java.util.Map.of("content-type",
                "application/json", "location", "/v1/incidents/x"), "{\"incidentId\":\"x\",\"reportId\":\"r\"}")))
                .as("202 without status").singleElement().asString().contains("status");
        assertThat(DOC.check("POST", "/v1/incidents", new OpenApiDocument.Answer(418, problemJson, good)))
                .as("undocumented status").containsExactly("status 418 is not documented");
    }

    @Test
    void everyRouteTheServiceServesIsDocumented() {
        assertThat(ready.routes()).as("Javalin's routes").isNotEmpty();
        assertThat(new TreeSet<>(DOC.operations())).as("openapi.yaml's operations")
                .containsAll(new TreeSet<>(ready.routes()));
    }

    @Test
    void everyProblemTypeHasASectionAndItsTypeUriResolves() {
        String base = "http://127.0.0.1:" + ready.port() + ProblemTypes.PATH;
        for (Problem p : Problem.values()) {
            OpenApiDocument.Answer doc = up.get(ProblemTypes.PATH + p.slug(), null);
            assertThat(doc.status()).as("GET %s%s", base, p.slug()).isEqualTo(200);
            assertThat(doc.body()).as(p.name()).startsWith("## " + p.slug()).contains("**Status:** " + p.status());
        }
        // and a type as sent is that URI
        JsonNode problem = read(up.get("/v2/nothing-here", null).body());
        assertThat(problem.path("type").asText()).isEqualTo(base + "not-found");
    }

    @Test
    void aConfiguredProblemBaseUrlIsUsedAsIs(Infra infra) {
        try (IngestService other = IngestRunner.start(CONFIG_DIR, infra.bootstrapServers(), infra.registryUrl(),
                "incidents.reports", "--routing-url", routing.url(), "--problem-base-url", "https://docs.example.org/anshin/problems/")) {
            JsonNode problem = read(new Client(other.port()).get("/v1/incidents/x", null).body());
            assertThat(problem.path("type").asText()).isEqualTo("https://docs.example.org/anshin/problems/unauthorized");
        }
    }

    private static String advisory(String tlp, String sector) {
        ObjectNode a = JSON.createObjectNode();
        a.put("advisoryId", UUID.randomUUID().toString());
        a.put("title", "Phishing campaign against control-system vendors");
        a.put("body", "Do not grant remote access.");
        a.put("severity", "WARNING");
        a.put("tlp", tlp);
        a.putArray("sectors").add(sector);
        return a.toString();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
