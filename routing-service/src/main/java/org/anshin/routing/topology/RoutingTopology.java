package org.anshin.routing.topology;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.incident.IncidentStateSerde;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentReport;
import org.anshin.routing.advisory.AdvisoryTopology;
import org.anshin.routing.record.RecordTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The routing topology: incidents.reports and exercise.incidents.reports -> route (dedup, lifecycle,
 * classify, fan out) -> one topic per recipient, chosen per record, keyed by the notice's incidentKey, plus the
 * decision's entry for the incident record (incidents.record-entries, same transaction). A second sub-topology
 * ({@link RecordTopology}) folds those entries, the delivery receipts and the shares into the record, a third
 * ({@link AdvisoryTopology}) fans advisories out and keeps their record.
 * Pure: built from config, a registry and a meter registry, so TopologyTestDriver tests call it
 * directly. The two stores are persistent and changelogged. The incidents store is keyed by
 * {@code r|x/<operator>/<incidentId>} and also de-duplicates (an incident's state lists its most recent
 * reportIds); resolved incidents leave it after the closing period, so it does not grow without bound.
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
        var entrySerde = ConfluentAvroSerde.forValue(IncidentRecordEntry.class, registry, autoRegister);
        Objects.requireNonNull(config.pseudonyms(), "RoutingConfig needs pseudonyms (a --pseudonym-key)");
        RoutingMetrics metrics = new RoutingMetrics(meters);
        // notices and record entries arrive serialized (RoutingProcessor serializes before it writes a store):
        // the sink copies bytes
        TopicNameExtractor<String, Encoded> topicOf = (key, out, ctx) -> out.topic();
        Serializer<Encoded> bytesOf = (topic, out) -> out.bytes();
        // the record's sub-topology is DSL (a repartition and a merge); the router is added to the same topology
        StreamsBuilder builder = new StreamsBuilder();
        RecordTopology.addTo(builder, config, registry, autoRegister);
        AdvisoryTopology.addTo(builder, config, registry, autoRegister, meters);
        return builder.build()
                .addSource(SOURCE, Serdes.String().deserializer(), reportSerde.deserializer(), config.reportsTopic(),
                        config.exerciseReportsTopic())
                .addProcessor(ROUTER, () -> new RoutingProcessor(config, metrics, noticeSerde.serializer(),
                        entrySerde.serializer()), SOURCE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENTS_STORE),
                        Serdes.String(), new IncidentStateSerde()), ROUTER)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE),
                        Serdes.String(), Serdes.String()), ROUTER)
                .addSink(SINK, topicOf, Serdes.String().serializer(), bytesOf, ROUTER);
    }
}
