package org.anshin.routing.record;

import org.anshin.routing.RoutingConfig;
import org.anshin.routing.errors.DeadLetterReason;
import org.anshin.routing.errors.InvalidReportException;
import org.anshin.routing.errors.NoticeUnwritableException;
import org.anshin.routing.topology.EncodedOutput;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds routing's decisions, the notifier's receipts and the shares of one incident (all keyed by incidentKey, in
 * one task) into its record, and forwards every new version to the record topic. A record that has only seen
 * receipts stays in the store and is not published until its first decision arrives.
 *
 * <p>Two outputs: the {@link IncidentRecord} (serialized by the record sink) and, for a first share with a
 * CEPTOAR, the shared notice already serialized for the receiving CEPTOAR's notice topic ({@link EncodedOutput},
 * serialized before the store is written, so a refused schema dead-letters the share with the record unchanged).
 * A share of an incident without a record is dead-lettered ({@code unknown-incident}): ingest checked that it
 * exists, so this is a race or a forgery.
 */
final class RecordProcessor extends ContextualProcessor<String, SpecificRecord, String, Object> {
    private final RoutingConfig config;
    private final Serializer<IncidentNotice> noticeSerializer;
    private KeyValueStore<String, IncidentRecord> records;

    RecordProcessor(RoutingConfig config, Serializer<IncidentNotice> noticeSerializer) {
        this.config = config;
        this.noticeSerializer = noticeSerializer;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        records = context.getStateStore(RecordTopology.RECORDS_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        IncidentRecord current = records.get(record.key());
        IncidentRecord next;
        EncodedOutput shared = null;
        if (record.value() instanceof IncidentRecordEntry entry) {
            next = RecordFold.apply(current, entry);
        } else if (record.value() instanceof DeliveryReceipt receipt) {
            next = RecordFold.apply(current, receipt);
        } else if (record.value() instanceof IncidentShare share) {
            if (current == null || RecordFold.isStub(current) || current.getExercise() != share.getExercise()) {
                throw new InvalidReportException(DeadLetterReason.UNKNOWN_INCIDENT, "share " + share.getShareId()
                        + " of incident " + record.key() + ", which has no record"
                        + (current == null || RecordFold.isStub(current) ? "" : " on these topics"));
            }
            if (!config.hasNoticeTopic(share.getToCeptoar())) {
                throw new InvalidReportException(DeadLetterReason.UNKNOWN_RECIPIENT, "share " + share.getShareId()
                        + " to CEPTOAR '" + share.getToCeptoar() + "', which has no notice topic");
            }
            if (RecordFold.isShared(current, share.getToCeptoar())) {
                return; // shared with that CEPTOAR before: nothing new, no second notice
            }
            next = RecordFold.apply(current, share);
            shared = encode(SharedNotices.of(next, share));
        } else {
            throw new IllegalArgumentException("not a record input: " + record.value().getClass().getName());
        }
        if (next.equals(current)) {
            return;
        }
        records.put(record.key(), next);
        if (!RecordFold.isStub(next)) {
            context().forward(record.withValue(next));
        }
        if (shared != null) {
            context().forward(record.withValue(shared));
        }
    }

    private EncodedOutput encode(IncidentNotice n) {
        String topic = config.noticeTopic(n.getCeptoarId(), n.getExercise());
        try {
            return new EncodedOutput(topic, noticeSerializer.serialize(topic, n));
        } catch (SchemaRegistryException.Unavailable e) {
            throw e;
        } catch (KafkaException | SchemaRegistryException e) {
            throw new NoticeUnwritableException(topic, e);
        }
    }
}
