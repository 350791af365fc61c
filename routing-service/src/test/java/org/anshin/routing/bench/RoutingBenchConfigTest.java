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

    @Test
    void theBenchCreatesEveryTopicTheTopologyReads() {
        var config = RoutingBench.benchConfig("bench1.");
        var topology = RoutingTopology.buildTopology(config, new InMemorySchemaRegistry(), true, new SimpleMeterRegistry());
        java.util.Set<String> created = new java.util.HashSet<>();
        RoutingBench.benchTopics(config, "bench1.", "bench1.passthrough").forEach(t -> created.add(t.name()));
        java.util.Set<String> read = new java.util.TreeSet<>();
        for (var sub : topology.describe().subtopologies()) {
            for (var node : sub.nodes()) {
                if (node instanceof org.apache.kafka.streams.TopologyDescription.Source src && src.topicSet() != null) {
                    src.topicSet().stream().filter(t -> !t.contains("-repartition")).forEach(read::add);
                }
            }
        }
        for (var g : topology.describe().globalStores()) {
            read.addAll(g.source().topicSet());
        }
        assertThat(read).isNotEmpty();
        assertThat(created).containsAll(read);
    }
}
