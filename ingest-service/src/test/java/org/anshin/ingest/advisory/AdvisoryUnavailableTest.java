package org.anshin.ingest.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.anshin.ingest.IngestRunner;
import org.anshin.ingest.IngestService;
import org.anshin.ingest.TestConfig;
import org.anshin.ingest.http.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No broker and no routing-service behind ingest: every advisory endpoint answers 503 with Retry-After. */
class AdvisoryUnavailableTest {
    private static final Path CONFIG_DIR = TestConfig.write();
    private IngestService service;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        service = IngestRunner.start(CONFIG_DIR, "127.0.0.1:" + freePort(), "http://127.0.0.1:1/apis/ccompat/v7",
                "incidents.reports", "--routing-url", "http://127.0.0.1:" + freePort(), "--max-block-ms", "500");
        http = new Http(service.port());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private static void unavailable(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(Http.json(r).path("type").asText()).startsWith("http://127.0.0.1:").endsWith("/problems/unavailable");
        assertThat(r.body()).doesNotContain(IngestRunner.INTERNAL_TOKEN);
    }

    @Test
    void withoutRoutingTheGetsFeedbackSharesAndAcknowledgementsAre503() {
        String id = UUID.randomUUID().toString();
        unavailable(http.get("/v1/advisories", TestConfig.ELECTRICITY_TOKEN));
        unavailable(http.get("/v1/advisories/" + id, TestConfig.NISC_TOKEN));
        unavailable(http.postJson("/v1/advisories/" + id + "/feedback", TestConfig.ELECTRICITY_TOKEN, "{\"useful\":true}"));
        unavailable(http.postJson("/v1/incidents/" + id + "/shares", TestConfig.ELECTRICITY_SECRETARIAT_TOKEN,
                "{\"to\":\"gas\"}"));
        unavailable(http.postJson("/v1/incidents/" + id + "/acknowledgements", TestConfig.NISC_TOKEN, "{}"));
    }

    @Test
    void withoutKafkaAnAdvisoryIs503AndNothingIsPromised() {
        unavailable(http.postJson("/v1/advisories", TestConfig.GAS_SECRETARIAT_TOKEN,
                AdvisoryApiTest.advisory("gas").toString()));
    }

    @Test
    void eachSecretariatHasItsOwnRateLimitBucket() {
        java.util.List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i <= org.anshin.ingest.auth.Callers.SECRETARIAT_BURST + 5; i++) {
            answers.add(http.get("/v1/advisories/not-a-uuid", TestConfig.TELECOM_SECRETARIAT_TOKEN));
        }
        HttpResponse<String> limited = answers.get(answers.size() - 1);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(Http.json(limited).path("type").asText()).startsWith("http://127.0.0.1:").endsWith("/problems/rate-limited");
        assertThat(answers.get(0).statusCode()).isEqualTo(404);
        // another secretariat's bucket is untouched
        assertThat(http.get("/v1/advisories/not-a-uuid", TestConfig.GAS_SECRETARIAT_TOKEN).statusCode()).isEqualTo(404);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
