package org.anshin.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class TopicTailTest {
    @Test
    void fetchesAreBatchedUnlessTheKafkaConfigSaysOtherwise() {
        var defaults = TopicTail.properties("notices", Map.of("bootstrap.servers", "b:9092"));
        // one fetch per new record is what cost the broker a quarter of its CPU at 80 reports/s
        assertThat(defaults).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var tuned = TopicTail.properties("notices", Map.of("bootstrap.servers", "b:9092",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"));
        assertThat(tuned).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100)
                // what the console's correctness depends on is not the file's to change
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
}
