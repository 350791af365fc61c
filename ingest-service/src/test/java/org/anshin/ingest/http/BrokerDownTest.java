package org.anshin.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.IngestRunner;
import org.anshin.ingest.IngestService;
import org.anshin.ingest.Reports;
import org.anshin.ingest.TestConfig;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.PrivateKafkaCluster;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** With the broker stopped: 503 with Retry-After, nothing accepted, and nothing written once it is back. */
@WithKafkaAndRegistry
class BrokerDownTest {
    private static final Path CONFIG_DIR = TestConfig.write();
    private static final AnshinConfig CONFIG = AnshinConfig.load(CONFIG_DIR);

    @Test
    void aStoppedBrokerGives503AndNothingHalfWritten(Infra infra) throws Exception {
        String topic = "incidents.reports";
        try (PrivateKafkaCluster kafka = PrivateKafkaCluster.start()) {
            try (Admin admin = kafka.createAdmin()) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            try (IngestService service = IngestRunner.startReady(CONFIG_DIR, kafka.bootstrapServers(), infra.registryUrl(),
                    topic, "--delivery-timeout-ms", "3000", "--max-block-ms", "1000")) {
                Http http = new Http(service.port());
                String before = Reports.valid(CONFIG, "electricity").toString();
                assertThat(http.post(TestConfig.ALL_TOKEN, before).statusCode()).isEqualTo(202);

                kafka.shutdownBroker();
                // whether the readiness check has noticed yet or not, the answer is 503
                String during = Reports.valid(CONFIG, "electricity").toString();
                assertUnavailable(http.post(TestConfig.ALL_TOKEN, during));
                Awaitility.await("ready turns 503").atMost(Duration.ofSeconds(20))
                        .until(() -> http.get("/health/ready", null).statusCode() == 503);
                String stillDown = Reports.valid(CONFIG, "gas").toString();
                HttpResponse<String> known = http.post(TestConfig.ALL_TOKEN, stillDown);
                assertUnavailable(known);
                // answered from the readiness state, without waiting for the producer's max.block.ms
                assertThat(Http.json(known).path("detail").asText()).contains("Kafka is not reachable");
                assertThat(service.registry().scrape())
                        .contains("anshin_reports_received_total{outcome=\"unavailable\",sector=\"electricity\"}");

                kafka.startBroker();
                Awaitility.await("ready again").atMost(Duration.ofSeconds(30))
                        .until(() -> http.get("/health/ready", null).statusCode() == 200);
                String after = Reports.valid(CONFIG, "electricity").toString();
                Awaitility.await("accepted again").atMost(Duration.ofSeconds(30))
                        .until(() -> http.post(TestConfig.ALL_TOKEN, after).statusCode() == 202);

                assertThat(reportIds(kafka.bootstrapServers(), infra.registryUrl(), topic))
                        .containsOnly(id(before), id(after));
            }
        }
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Http.json(response).path("type").asText()).startsWith("http://127.0.0.1:").endsWith("/problems/unavailable");
    }

    private static String id(String body) throws java.io.IOException {
        return Reports.JSON.readTree(body).path("reportId").asText();
    }

    /** Everything on the topic, read to its end offset. */
    private static List<String> reportIds(String bootstrap, String registryUrl, String topic) {
        var deserializer = ConfluentAvroSerde.forValue(IncidentReport.class, new RestSchemaRegistryClient(registryUrl), false)
                .deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<String> ids = new java.util.ArrayList<>();
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    ids.add(deserializer.deserialize(topic, r.value()).getReportId());
                    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isNotBlank();
                }
            }
            return ids;
        }
    }
}
