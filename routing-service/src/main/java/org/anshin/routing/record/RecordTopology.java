package org.anshin.routing.record;

import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.escalation.EscalationMetrics;
import org.anshin.routing.escalation.EscalationSerde;
import org.anshin.routing.escalation.Escalations;
import org.anshin.routing.topology.EncodedOutput;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
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
 * record's partition count), the shares between CEPTOARs ({@code incidents.shares}) and the secretariats'
 * acknowledgements ({@code incidents.acknowledgements}, both keyed by incidentKey on the record's partitions)
 * meet in one task per incident, are folded into the {@value #RECORDS_STORE} store (queryable: the read model)
 * and published to the compacted {@code incidents.record}. The same task escalates unacknowledged incidents
 * ({@link Escalations}, its stores {@value Escalations#STORE} and {@value Escalations#DUE_STORE}). Drills use the
 * {@code exercise.} topics throughout and never share a record with real incidents (their incidentKeys differ).
 */
public final class RecordTopology {
    public static final String RECORDS_STORE = "incident-records";
    static final String RECEIPTS_REPARTITION = "record-receipts";

    private RecordTopology() {
    }

    public static void addTo(StreamsBuilder builder, RoutingConfig config, SchemaRegistry registry,
                             boolean autoRegister, MeterRegistry meters) {
        var entrySerde = ConfluentAvroSerde.forValue(IncidentRecordEntry.class, registry, false);
        var receiptSerde = ConfluentAvroSerde.forValue(DeliveryReceipt.class, registry, false);
        var internalReceipts = ConfluentAvroSerde.forInternal(DeliveryReceipt.class, registry);
        var recordOut = ConfluentAvroSerde.forValue(IncidentRecord.class, registry, autoRegister);
        var recordStore = ConfluentAvroSerde.forInternal(IncidentRecord.class, registry);
        var shareSerde = ConfluentAvroSerde.forValue(IncidentShare.class, registry, false);
        var noticeOut = ConfluentAvroSerde.forValue(IncidentNotice.class, registry, autoRegister);
        var ackSerde = ConfluentAvroSerde.forValue(IncidentAcknowledgement.class, registry, false);
        EscalationMetrics escalationMetrics = new EscalationMetrics(meters);

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
        // shares are keyed by incidentKey on RECORD_PARTITIONS partitions already: no repartition
        KStream<String, SpecificRecord> shares = builder
                .stream(List.of(config.sharesTopic(false), config.sharesTopic(true)),
                        Consumed.with(Serdes.String(), shareSerde).withName("record-shares-in"))
                .mapValues(s -> (SpecificRecord) s, Named.as("record-share-input"));
        // acknowledgements too (keyed by incidentKey on RECORD_PARTITIONS): same task, no repartition
        KStream<String, SpecificRecord> acks = builder
                .stream(List.of(config.acknowledgementsTopic(false), config.acknowledgementsTopic(true)),
                        Consumed.with(Serdes.String(), ackSerde).withName("record-acks-in"))
                .mapValues(a -> (SpecificRecord) a, Named.as("record-ack-input"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECORDS_STORE),
                Serdes.String(), recordStore));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Escalations.STORE),
                Serdes.String(), new EscalationSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Escalations.DUE_STORE),
                Serdes.String(), Serdes.String()));
        entries.merge(receipts, Named.as("record-inputs"))
                .merge(shares, Named.as("record-inputs-with-shares"))
                .merge(acks, Named.as("record-inputs-with-acks"))
                .process(() -> new RecordProcessor(config, noticeOut.serializer(), new Escalations(config.escalation(),
                                config.levels(), escalationMetrics)), Named.as("record"), RECORDS_STORE,
                        Escalations.STORE, Escalations.DUE_STORE)
                .split(Named.as("record-output-"))
                .branch((k, v) -> v instanceof IncidentRecord, Branched.withConsumer(s -> s
                        .mapValues(v -> (IncidentRecord) v, Named.as("record-versions"))
                        .to((key, record, ctx) -> config.recordTopic(record.getExercise()),
                                Produced.with(Serdes.String(), recordOut).withName("record-out")), "records"))
                .branch((k, v) -> v instanceof EncodedOutput, Branched.withConsumer(s -> s
                        .mapValues(v -> (EncodedOutput) v, Named.as("record-shared-notices"))
                        .to(EncodedOutput.topicOf(), Produced.with(Serdes.String(), EncodedOutput.serde())
                                .withName("record-shared-out")), "shared"))
                .noDefaultBranch();
    }
}
