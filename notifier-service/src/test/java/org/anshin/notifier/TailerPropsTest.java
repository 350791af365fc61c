package org.anshin.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class TailerPropsTest {
    @Test
    void theStateTailersBatchTheirFetchesUnlessTheKafkaConfigSaysOtherwise() {
        Map<String, Object> p = NotifierService.tailerProps(Map.of("bootstrap.servers", "b:9092"));
        assertThat(p).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        assertThat(NotifierService.tailerProps(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)))
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        // the notice consumer pages people: it keeps answering on the first byte
        assertThat(NotifierService.consumerProps(Map.of(), NotifierSettings.defaults(), java.util.Optional.empty()))
                .doesNotContainKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
    }
}
