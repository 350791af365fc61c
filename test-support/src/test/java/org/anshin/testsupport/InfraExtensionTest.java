package org.anshin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithKafkaAndRegistry
class InfraExtensionTest {
    private final Infra infra;

    InfraExtensionTest(Infra infra) {
        this.infra = infra;
    }

    @BeforeAll
    static void lifecycleMethodsGetTheSameInfra(Infra infra, LocalInfra local) {
        assertThat(infra).isSameAs(local);
    }

    @Test
    void brokerTakesAndGivesBackARecordOverSockets() throws Exception {
        String topic = infra.createUniqueTopics("smoke").get(0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infra.producerProps())) {
            producer.send(new ProducerRecord<>(topic, bytes("k"), bytes("v"))).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<byte[], byte[]>> records = infra.readAtLeast(topic, 1);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("v");
        assertThat(infra.bootstrapServers()).isNotBlank();
    }

    @Test
    void transactionalProducerCommits() throws Exception {
        String topic = infra.uniqueTopic("tx");
        infra.createTopics(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1));
        Map<String, Object> props = infra.producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, infra.uniqueTopic("tx-id"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("a"), bytes("aborted")));
            producer.abortTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, bytes("k" + i), bytes("committed-" + i)));
            }
            producer.commitTransaction();
        }
        List<ConsumerRecord<byte[], byte[]>> records = infra.readAtLeast(topic, 3);
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("committed-0", "committed-1", "committed-2");
    }

    @Test
    void registryAnswersSubjects() throws Exception {
        assertThat(infra.registryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        HttpResponse<String> resp = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.registryUrl() + "/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.body().strip()).isEqualTo("[]");
    }

    @Test
    void uniqueTopicsDiffer() {
        assertThat(infra.uniqueTopic("a")).isNotEqualTo(infra.uniqueTopic("a")).startsWith("a-");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
