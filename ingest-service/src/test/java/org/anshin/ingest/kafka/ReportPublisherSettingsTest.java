package org.anshin.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ReportPublisherSettingsTest {
    private static final Map<String, Object> SETTINGS = ReportPublisher.producerSettings(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092", ProducerConfig.LINGER_MS_CONFIG, 50),
            Duration.ofSeconds(10), Duration.ofSeconds(2));

    @Test
    void everyAnswerWaitsAtMostOneMillisecondForItsBatch() {
        // a 202 is sent when the batch is acknowledged: the linger is in every answer's latency (the client's
        // default of 5 ms was half of POST -> 202 at 100 reports/s)
        assertThat(SETTINGS).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 1);
    }

    @Test
    void aReportIsAcknowledgedByEveryInSyncReplicaWithoutDuplicates() {
        assertThat(SETTINGS).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
    }

    @Test
    void theRequestTimeoutFitsInsideTheDeliveryTimeout() {
        assertThat(SETTINGS).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 9_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000L);
    }
}
