package org.anshin.routing.topology;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
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
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
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
        // all DSL, in this order: Kafka Streams numbers sub-topologies (task ids, state directories) in the order
        // their sources are added, so the record (0, 1) and the router (2) keep the ids they had before
        // advisories (3, 4) were added, and an upgraded instance finds its stores where it left them
        StreamsBuilder builder = new StreamsBuilder();
        RecordTopology.addTo(builder, config, registry, autoRegister, meters);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENTS_STORE),
                Serdes.String(), new IncidentStateSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE),
                Serdes.String(), Serdes.String()));
        builder.stream(List.of(config.reportsTopic(), config.exerciseReportsTopic()),
                        Consumed.with(Serdes.String(), reportSerde).withName(SOURCE))
                .process(() -> new RoutingProcessor(config, metrics, noticeSerde.serializer(), entrySerde.serializer()),
                        Named.as(ROUTER), INCIDENTS_STORE, TIMERS_STORE)
                .to(topicOf, Produced.with(Serdes.String(), Serdes.serdeFrom(bytesOf, (topic, bytes) -> {
                    throw new UnsupportedOperationException("the router's outputs are written, never read");
                })).withName(SINK));
        AdvisoryTopology.addTo(builder, config, registry, autoRegister, meters);
        return builder.build();
    }
}
