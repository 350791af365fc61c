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
import java.util.List;
import java.util.stream.IntStream;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.IncidentReport;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one application: every incident is answered by both, the non-owner forwarding to the
 * owner, and only to a caller with the internal token.
 */
@WithKafkaAndRegistry
class InteractiveQueriesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eitherInstanceAnswersForEveryIncident(Infra infra) throws Exception {
        ItSupport it = new ItSupport(infra, 4);
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> "iq-" + i).toList();
        try (RoutingApp a = it.start(); RoutingApp b = it.start();
             KafkaProducer<String, IncidentReport> producer = it.producer()) {
            ids.forEach(id -> it.send(producer, Fixture.report(id, "banking").operator("op-bank")
                    .impact("serviceDelayed", true).build()));
            producer.flush();
            await().atMost(Duration.ofSeconds(90)).until(() -> a.ready() && b.ready()
                    && a.streams().metadataForAllStreamsClients().size() == 2);
            for (RoutingApp app : List.of(a, b)) {
                for (String id : ids) {
                    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                            .until(() -> get(app, id).statusCode() == 200);
                    JsonNode body = json.readTree(get(app, id).body());
                    assertThat(body.get("incidentId").asText()).isEqualTo(id);
                    assertThat(body.get("operatorId").asText()).isEqualTo("op-bank");
                    assertThat(body.get("status").asText()).isEqualTo("OPEN");
                    assertThat(body.get("classification").asText()).isEqualTo("EXCEEDS_VERIFICATION_LEVEL");
                    assertThat(body.get("reportsAccepted").asInt()).isEqualTo(1);
                    assertThat(body.get("incidentKey").asText()).hasSize(36);
                    assertThat(body.get("notices").get(0).get("noticeType").asText()).isEqualTo("NEW");
                    assertThat(body.get("notices").get(0).get("recipients")).extracting(JsonNode::asText)
                            .containsExactlyInAnyOrder("banking", "nisc");
                    // the documented view, not the store record: no dedup window, no free text
                    assertThat(body.has("reportIds")).isFalse();
                    assertThat(body.has("summary")).isFalse();
                    assertThat(body.has("dueAt")).isFalse();
                }
            }
            // the other operator's incident of the same id is its own, and does not exist
            assertThat(get(a, "op-other", ids.get(0), ItSupport.INTERNAL_TOKEN).statusCode()).isEqualTo(404);
            // credentials are needed for every instance and every path, forwarded or not
            for (RoutingApp app : List.of(a, b)) {
                for (String id : ids.subList(0, 4)) {
                    assertThat(get(app, "op-bank", id, null).statusCode()).isEqualTo(401);
                    assertThat(get(app, "op-bank", id, "wrong-token-0123456789").statusCode()).isEqualTo(401);
                    HttpResponse<String> forwardedFlag = http.send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + app.port() + "/v1/operators/op-bank/incidents/" + id + "?internal=true"))
                            .header("X-Anshin-Forwarded", "x").build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(forwardedFlag.statusCode()).isEqualTo(401);
                    assertThat(forwardedFlag.body()).doesNotContain("op-bank").doesNotContain("EXCEEDS");
                }
            }
            HttpResponse<String> unknown = get(a, "no-such-incident");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/health/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(RoutingApp app, String id) throws Exception {
        return get(app, "op-bank", id, ItSupport.INTERNAL_TOKEN);
    }

    private HttpResponse<String> get(RoutingApp app, String operator, String id, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/operators/"
                + operator + "/incidents/" + id)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
