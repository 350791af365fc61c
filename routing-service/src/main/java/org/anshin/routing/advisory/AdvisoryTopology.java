package org.anshin.routing.advisory;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.topology.EncodedOutput;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Advisories (情報提供), a sub-topology of routing-service: {@code advisories}, {@code advisories.feedback} (both
 * keyed by advisoryId, {@value Topics#ADVISORY_PARTITIONS} partitions) and the notifier's
 * {@code advisories.deliveries} (keyed by noticeId, so re-keyed by advisoryId and repartitioned) meet in one task
 * per advisory, are folded into the {@value #ADVISORIES_STORE} store (queryable: the internal API) and published to
 * the compacted {@code advisories.record}; the first advisory of an id fans out to {@code ceptoar.<id>.advisories}.
 * Drills use the {@code exercise.} topics throughout.
 */
public final class AdvisoryTopology {
    public static final String ADVISORIES_STORE = "advisories";
    /**
     * Kafka Streams numbers sub-topologies (and so task ids and state directories) by their source nodes' names
     * in sorted order: these names sort after the existing "record-*" and "reports" sources, so adding advisories
     * leaves the ids of the router's and the record's tasks as they were and an upgrade restores no store.
     */
    static final String RECEIPTS_REPARTITION = "routing-advisory-receipts";

    private AdvisoryTopology() {
    }

    public static void addTo(StreamsBuilder builder, RoutingConfig config, SchemaRegistry registry,
                             boolean autoRegister, MeterRegistry meters) {
        var advisorySerde = ConfluentAvroSerde.forValue(Advisory.class, registry, false);
        var feedbackSerde = ConfluentAvroSerde.forValue(AdvisoryFeedback.class, registry, false);
        var receiptSerde = ConfluentAvroSerde.forValue(DeliveryReceipt.class, registry, false);
        var internalReceipts = ConfluentAvroSerde.forInternal(DeliveryReceipt.class, registry);
        var noticeOut = ConfluentAvroSerde.forValue(AdvisoryNotice.class, registry, autoRegister);
        var recordOut = ConfluentAvroSerde.forValue(AdvisoryRecord.class, registry, autoRegister);
        var recordStore = ConfluentAvroSerde.forInternal(AdvisoryRecord.class, registry);
        AdvisoryMetrics metrics = new AdvisoryMetrics(meters);

        KStream<String, SpecificRecord> advisories = builder
                .stream(List.of(config.advisoriesTopic(false), config.advisoriesTopic(true)),
                        Consumed.with(Serdes.String(), advisorySerde).withName("routing-advisories-in"))
                .mapValues(a -> (SpecificRecord) a, Named.as("advisory-input"));
        KStream<String, SpecificRecord> feedback = builder
                .stream(List.of(config.advisoryFeedbackTopic(false), config.advisoryFeedbackTopic(true)),
                        Consumed.with(Serdes.String(), feedbackSerde).withName("routing-advisory-feedback-in"))
                .mapValues(f -> (SpecificRecord) f, Named.as("advisory-feedback-input"));
        KStream<String, SpecificRecord> receipts = builder
                .stream(List.of(config.advisoryDeliveriesTopic(false), config.advisoryDeliveriesTopic(true)),
                        Consumed.with(Serdes.String(), receiptSerde).withName("routing-advisory-receipts-in"))
                .filter((k, r) -> r != null, Named.as("advisory-receipts-present"))
                // the notifier keys receipts by noticeId; incidentId carries the advisoryId
                .selectKey((k, r) -> r.getIncidentId(), Named.as("advisory-receipts-by-advisory"))
                .repartition(Repartitioned.<String, DeliveryReceipt>as(RECEIPTS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(internalReceipts)
                        .withNumberOfPartitions(Topics.ADVISORY_PARTITIONS))
                .mapValues(r -> (SpecificRecord) r, Named.as("advisory-receipt-input"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ADVISORIES_STORE),
                Serdes.String(), recordStore));
        advisories.merge(feedback, Named.as("advisory-inputs-1"))
                .merge(receipts, Named.as("advisory-inputs"))
                .process(() -> new AdvisoryProcessor(config, metrics, noticeOut.serializer(), recordOut.serializer()),
                        Named.as("advisory"), ADVISORIES_STORE)
                .to(EncodedOutput.topicOf(), Produced.with(Serdes.String(), EncodedOutput.serde())
                        .withName("advisory-out"));
    }
}
