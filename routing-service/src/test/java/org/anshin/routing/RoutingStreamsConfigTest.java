package org.anshin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.anshin.routing.topology.Fixture;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RoutingStreamsConfigTest {
    private final RoutingConfig config = RoutingConfig.from(Fixture.ANSHIN);

    /**
     * Task idling off: with the default (0) Kafka Streams 4.3 formats an idling message per empty input partition on
     * every process call (17 % of routing's CPU samples under load); see RoutingStreamsConfig.MAX_TASK_IDLE_MS.
     */
    @Test
    void taskIdlingIsDisabledUnderExactlyOnce() {
        Map<String, Object> p = RoutingStreamsConfig.properties("anshin-routing", "127.0.0.1:9092", config,
                new SimpleMeterRegistry(), Map.of());
        assertThat(p).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(new StreamsConfig(p).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
    }

    /** --kafka-config still wins: an operator who wants timestamp-synchronised inputs back can have them. */
    @Test
    void aClientPropertyOverridesIt() {
        Map<String, Object> p = RoutingStreamsConfig.properties("anshin-routing", "127.0.0.1:9092", config,
                new SimpleMeterRegistry(), Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0"));
        assertThat(new StreamsConfig(p).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isZero();
    }
}
