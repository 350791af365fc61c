package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.anshin.notifier.NotifierCommand;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierApp;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process as {@code ./anshin up} runs it: command line, health and Prometheus names of the contract. */
@WithKafkaAndRegistry
class NotifierAppIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void becomesReadyAndExportsTheContractsMetricNames(Infra infra, @TempDir Path dir) throws Exception {
        try (Receiver receiver = new Receiver()) {
            NotifierHarness harness = new NotifierHarness(infra, dir, """
                          - type: webhook
                            url: %s
                    """.formatted(receiver.url("/hook")));
            NotifierCommand args = NotifierCommand.parse(new String[] {"--config", harness.configDir.toString(),
                    "--bootstrap-servers", infra.bootstrapServers(), "--schema-registry-url", infra.registryUrl(),
                    "--port", "0", "--group-id", harness.group, "--deliveries-topic", harness.deliveries,
                    "--delivery-state-topic", harness.state, "--dead-letter-topic", harness.settings.deadLetterTopic()},
                    java.util.Map.of());
            try (NotifierApp app = NotifierApp.start(args)) {
                assertThat(get(app.port(), "/health/live").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).until(() -> get(app.port(), "/health/ready").statusCode() == 200);
                harness.publish(Notices.notice("app-1", "inc-app"));
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/hook").size() == 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> get(app.port(), "/metrics").body()
                        .contains("anshin_notifications_delivered_total{channel=\"webhook\",outcome=\"delivered\"} 1.0"));
                String metrics = get(app.port(), "/metrics").body();
                assertThat(metrics).contains("anshin_report_to_delivery_seconds_bucket{channel=\"webhook\"")
                        .contains("anshin_notifications_retries_total").contains("anshin_notifications_failed_total")
                        .contains("kafka_consumer");
            }
            harness.close();
        }
    }
}
