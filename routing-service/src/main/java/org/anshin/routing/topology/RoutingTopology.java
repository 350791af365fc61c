package org.anshin.routing.topology;

import io.micrometer.core.instrument.MeterRegistry;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.incident.IncidentStateSerde;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The routing topology: incidents.reports -> route (dedup, lifecycle, classify, fan out) -> one topic
 * per recipient, chosen per record. Pure: built from config, a registry and a meter registry, so
 * TopologyTestDriver tests call it directly. The two stores are persistent and changelogged; the
 * incidents store also de-duplicates (an incident's state lists its reportIds, kept as long as the
 * incident, so well beyond the 7 days reports stay on incidents.reports).
 */
public final class RoutingTopology {
    public static final String INCIDENTS_STORE = "incidents";
    public static final String TIMERS_STORE = "escalation-timers";
    static final String SOURCE = "reports";
    static final String ROUTER = "route";
    static final String SINK = "notices";

    private RoutingTopology() {
    }

    /**
     * @param autoRegister whether the notice serde registers its schema (true locally; false where the
     *                     registry is managed and schemas are registered by CI)
     */
    public static Topology buildTopology(RoutingConfig config, SchemaRegistry registry, boolean autoRegister,
                                         MeterRegistry meters) {
        var reportSerde = ConfluentAvroSerde.forValue(IncidentReport.class, registry, false);
        var noticeSerde = ConfluentAvroSerde.forValue(IncidentNotice.class, registry, autoRegister);
        RoutingMetrics metrics = new RoutingMetrics(meters);
        TopicNameExtractor<String, IncidentNotice> topicOf = (key, notice, ctx) ->
                config.noticeTopic(notice.getCeptoarId().toString(), notice.getExercise());
        return new Topology()
                .addSource(SOURCE, Serdes.String().deserializer(), reportSerde.deserializer(), config.reportsTopic(),
                        config.exerciseReportsTopic())
                .addProcessor(ROUTER, () -> new RoutingProcessor(config, metrics), SOURCE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENTS_STORE),
                        Serdes.String(), new IncidentStateSerde()), ROUTER)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE),
                        Serdes.String(), Serdes.String()), ROUTER)
                .addSink(SINK, topicOf, Serdes.String().serializer(), noticeSerde.serializer(), ROUTER);
    }
}
