package org.anshin.ingest.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.IngestRunner;
import org.anshin.ingest.IngestService;
import org.anshin.ingest.Reports;
import org.anshin.ingest.TestConfig;
import org.anshin.ingest.http.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/incidents/{id} proxied to routing-service, with a real HTTP server standing in for routing. Ingest
 * runs with a bootstrap address where no broker listens, which also shows the Kafka-unreachable answers.
 */
class GetIncidentProxyTest {
    private static final Path CONFIG_DIR = TestConfig.write();
    private static final AnshinConfig CONFIG = AnshinConfig.load(CONFIG_DIR);
    private static final String MINE = "/v1/operators/" + TestConfig.ELECTRICITY_OPERATOR + "/incidents/";
    /** routing's answers by path and query: it looks incidents up by (operator, incidentId, real or drill) */
    private static final Map<String, String> ROUTING_STATE = Map.of(
            MINE + "mine-1?exercise=false", "{\"incidentId\":\"mine-1\",\"operatorId\":\""
                    + TestConfig.ELECTRICITY_OPERATOR + "\",\"classification\":\"EXCEEDS_VERIFICATION_LEVEL\"}",
            MINE + "mine-1?exercise=true", "{\"incidentId\":\"mine-1\",\"operatorId\":\""
                    + TestConfig.ELECTRICITY_OPERATOR + "\",\"exercise\":true,\"classification\":\"BELOW_VERIFICATION_LEVEL\"}",
            // a routing that answered with someone else's incident would still not leak it
            MINE + "theirs-1?exercise=false", "{\"incidentId\":\"theirs-1\",\"operatorId\":\"someone-else\"}");
    private static final String ROUTING_TOKEN = IngestRunner.INTERNAL_TOKEN;

    private HttpServer routing;
    private IngestService service;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        routing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routing.createContext("/v1/operators/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = ROUTING_STATE.get(path + "?" + exchange.getRequestURI().getQuery());
            boolean authorized = ("Bearer " + ROUTING_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            int status = !authorized ? 401 : path.endsWith("/broken-1") ? 500 : body == null ? 404 : 200;
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        routing.start();
        service = IngestRunner.start(CONFIG_DIR, "127.0.0.1:" + freePort(), "http://127.0.0.1:1/apis/ccompat/v7",
                "incidents.reports", "--routing-url", "http://127.0.0.1:" + routing.getAddress().getPort(),
                "--max-block-ms", "500");
        http = new Http(service.port());
    }

    @AfterEach
    void stop() {
        service.close();
        routing.stop(0);
    }

    @Test
    void theReportingOperatorSeesItsIncident() {
        HttpResponse<String> response = http.get("/v1/incidents/mine-1", TestConfig.ELECTRICITY_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("classification").asText()).isEqualTo("EXCEEDS_VERIFICATION_LEVEL");
    }

    @Test
    void aDrillIsAskedForWithExerciseTrueAndABadFlagIs400() {
        HttpResponse<String> drill = http.get("/v1/incidents/mine-1?exercise=true", TestConfig.ELECTRICITY_TOKEN);
        assertThat(drill.statusCode()).isEqualTo(200);
        assertThat(Http.json(drill).path("exercise").asBoolean()).isTrue();
        HttpResponse<String> bad = http.get("/v1/incidents/mine-1?exercise=yes", TestConfig.ELECTRICITY_TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).path("type").asText()).startsWith("http://127.0.0.1:").endsWith("/problems/invalid-query");
    }

    @Test
    void aWrongInternalTokenIsA503AndNeverShowsTheIncident() {
        service.close();
        service = IngestRunner.start(CONFIG_DIR, "127.0.0.1:1", "http://127.0.0.1:1/apis/ccompat/v7",
                "incidents.reports", "--routing-url", "http://127.0.0.1:" + routing.getAddress().getPort(),
                "--max-block-ms", "500", "--internal-token", "not-the-routing-token-0123");
        http = new Http(service.port());
        HttpResponse<String> r = http.get("/v1/incidents/mine-1", TestConfig.ELECTRICITY_TOKEN);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("EXCEEDS").doesNotContain("not-the-routing-token");
    }

    @Test
    void everyoneElseGets404LikeForAnUnknownIncident() {
        HttpResponse<String> theirs = http.get("/v1/incidents/theirs-1", TestConfig.ELECTRICITY_TOKEN);
        HttpResponse<String> unknown = http.get("/v1/incidents/nothing-1", TestConfig.ELECTRICITY_TOKEN);
        HttpResponse<String> otherOperator = http.get("/v1/incidents/mine-1", TestConfig.ALL_TOKEN);
        for (HttpResponse<String> r : java.util.List.of(theirs, unknown, otherOperator)) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(Http.json(r).path("type").asText()).startsWith("http://127.0.0.1:").endsWith("/problems/not-found");
        }
        assertThat(http.get("/v1/incidents/bad%20id", TestConfig.ELECTRICITY_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void routingFailingOrUnreachableIs503() {
        HttpResponse<String> broken = http.get("/v1/incidents/broken-1", TestConfig.ELECTRICITY_TOKEN);
        assertThat(broken.statusCode()).isEqualTo(503);
        routing.stop(0);
        HttpResponse<String> down = http.get("/v1/incidents/mine-1", TestConfig.ELECTRICITY_TOKEN);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(Http.json(down).path("type").asText()).startsWith("http://127.0.0.1:").endsWith("/problems/unavailable");
    }

    @Test
    void withoutKafkaReadyIs503AndReportsAre503() {
        assertThat(http.get("/health/ready", null).statusCode()).isEqualTo(503);
        assertThat(http.get("/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<String> post = http.post(TestConfig.ALL_TOKEN, Reports.valid(CONFIG, "gas").toString());
        assertThat(post.statusCode()).isEqualTo(503);
        assertThat(post.headers().firstValue("Retry-After")).isPresent();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
