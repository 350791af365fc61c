package org.anshin.routing.record;

import java.util.List;
import org.anshin.routing.RoutingConfig;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.NoticeKeys;
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
 * The incident record, a sub-topology of routing-service: routing's decisions ({@code incidents.record-entries},
 * written in the transaction of the notices they emitted) and the notifier's receipts
 * ({@code notifications.deliveries}, keyed by noticeId, so re-keyed by incidentKey and repartitioned to the
 * record's partition count) meet in one task per incident, are folded into the {@value #RECORDS_STORE} store
 * (queryable: the read model) and published to the compacted {@code incidents.record}. Drills use the
 * {@code exercise.} topics throughout and never share a record with real incidents (their incidentKeys differ).
 */
public final class RecordTopology {
    public static final String RECORDS_STORE = "incident-records";
    static final String RECEIPTS_REPARTITION = "record-receipts";

    private RecordTopology() {
    }

    public static void addTo(StreamsBuilder builder, RoutingConfig config, SchemaRegistry registry,
                             boolean autoRegister) {
        var entrySerde = ConfluentAvroSerde.forValue(IncidentRecordEntry.class, registry, false);
        var receiptSerde = ConfluentAvroSerde.forValue(DeliveryReceipt.class, registry, false);
        var internalReceipts = ConfluentAvroSerde.forInternal(DeliveryReceipt.class, registry);
        var recordOut = ConfluentAvroSerde.forValue(IncidentRecord.class, registry, autoRegister);
        var recordStore = ConfluentAvroSerde.forInternal(IncidentRecord.class, registry);

        KStream<String, SpecificRecord> entries = builder
                .stream(List.of(config.recordEntriesTopic(false), config.recordEntriesTopic(true)),
                        Consumed.with(Serdes.String(), entrySerde).withName("record-entries"))
                .mapValues(e -> (SpecificRecord) e, Named.as("record-entry-input"));
        KStream<String, SpecificRecord> receipts = builder
                .stream(List.of(config.deliveriesTopic(false), config.deliveriesTopic(true)),
                        Consumed.with(Serdes.String(), receiptSerde).withName("record-receipts-in"))
                .filter((k, r) -> r != null, Named.as("record-receipts-present"))
                .selectKey((k, r) -> r.getIncidentKey().isEmpty() ? r.getIncidentId() : r.getIncidentKey(),
                        Named.as("record-receipts-by-incident"))
                // the receipts' topic has its own partition count: move them to the record's
                .repartition(Repartitioned.<String, DeliveryReceipt>as(RECEIPTS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(internalReceipts)
                        .withNumberOfPartitions(Topics.RECORD_PARTITIONS))
                .mapValues(r -> (SpecificRecord) r, Named.as("record-receipt-input"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECORDS_STORE),
                Serdes.String(), recordStore));
        entries.merge(receipts, Named.as("record-inputs"))
                .process(RecordProcessor::new, Named.as("record"), RECORDS_STORE)
                .to((key, record, ctx) -> config.recordTopic(record.getExercise()),
                        Produced.with(Serdes.String(), recordOut).withName("record-out"));
    }

    /** The key an incident's record has: its incidentKey (the incidentId for notices before incidentKey). */
    public static String keyOf(org.anshin.schemas.IncidentNotice n) {
        return NoticeKeys.incidentKey(n);
    }
}
