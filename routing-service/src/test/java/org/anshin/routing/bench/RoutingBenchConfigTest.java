package org.anshin.routing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.anshin.routing.topology.RoutingTopology;
import org.anshin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;

/** `./anshin bench` runs RoutingBench in a child JVM; its topology must build from the bench's config. */
class RoutingBenchConfigTest {
    @Test
    void theBenchConfigBuildsTheRealTopologyOnItsPrefixedTopics() {
        var config = RoutingBench.benchConfig("bench1.");
        var topology = RoutingTopology.buildTopology(config, new InMemorySchemaRegistry(), true, new SimpleMeterRegistry());
        assertThat(topology.describe().toString()).contains("bench1.incidents.reports");
    }
}
