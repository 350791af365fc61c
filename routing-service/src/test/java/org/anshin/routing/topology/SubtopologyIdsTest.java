package org.anshin.routing.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.anshin.routing.RoutingConfig;
import org.anshin.schemas.registry.InMemorySchemaRegistry;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Task ids (and so state directories) follow sub-topology ids: a new sub-topology must not renumber the existing
 * ones, or an upgraded instance would restore its stores from the changelogs in full.
 */
class SubtopologyIdsTest {

    @Test
    void theRecordAndTheRouterKeepTheirSubtopologyIdsAndAdvisoriesComeAfter() {
        var config = RoutingConfig.from(Fixture.ANSHIN).withPseudonyms(
                org.anshin.routing.fanout.Pseudonyms.fromKey(Fixture.PSEUDONYM_KEY));
        TopologyDescription d = RoutingTopology.buildTopology(config, new InMemorySchemaRegistry(), false,
                new SimpleMeterRegistry()).describe();
        Map<String, Integer> idOfNode = new HashMap<>();
        for (TopologyDescription.Subtopology s : d.subtopologies()) {
            s.nodes().forEach(n -> idOfNode.put(n.name(), s.id()));
        }
        // as before advisories: 0 the record, 1 the receipts' repartition, 2 the router
        assertThat(idOfNode).containsEntry("record", 0).containsEntry("record-receipts-in", 1)
                .containsEntry(RoutingTopology.ROUTER, 2).containsEntry("record-shares-in", 0)
                .containsEntry("record-acks-in", 0)
                .containsEntry("advisory", 3).containsEntry("routing-advisory-receipts-in", 4);
    }
}
