package org.anshin.routing.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.errors.DeadLetterReason;
import org.anshin.routing.errors.InvalidReportException;
import org.anshin.routing.errors.NoticeUnwritableException;
import org.anshin.routing.errors.TimerFailedException;
import org.anshin.routing.escalation.Escalations;
import org.anshin.routing.topology.EncodedOutput;
import org.anshin.schemas.AvroEquality;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds routing's decisions, the notifier's receipts, the shares and the acknowledgements of one incident (all
 * keyed by incidentKey, in one task) into its record, and forwards every new version to the record topic. A record
 * that has only seen receipts stays in the store and is not published until its first decision arrives.
 *
 * <p>Two outputs: the {@link IncidentRecord} (serialized by the record sink) and notices already serialized for a
 * recipient's notice topic ({@link EncodedOutput}, serialized before any store is written, so a refused schema
 * dead-letters the input with the stores unchanged): the shared notice of a first share with a CEPTOAR, and the
 * escalation's re-pages and RESOLVED copies ({@link Escalations}; a WALL_CLOCK_TIME punctuator pages what is due).
 * A share or an acknowledgement of an incident without a record is dead-lettered ({@code unknown-incident}):
 * ingest checked that it exists, so this is a race or a forgery.
 */
final class RecordProcessor extends ContextualProcessor<String, SpecificRecord, String, Object> {
    private final RoutingConfig config;
    private final Serializer<IncidentNotice> noticeSerializer;
    private final Escalations escalations;
    private KeyValueStore<String, IncidentRecord> records;

    RecordProcessor(RoutingConfig config, Serializer<IncidentNotice> noticeSerializer, Escalations escalations) {
        this.config = config;
        this.noticeSerializer = noticeSerializer;
        this.escalations = escalations;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        super.init(context);
        records = context.getStateStore(RecordTopology.RECORDS_STORE);
        escalations.init(context);
        // wall clock: an unacknowledged incident is re-paged without any new input on its partition
        context.schedule(config.escalationCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::escalate);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        IncidentRecord current = records.get(record.key());
        IncidentRecord next;
        List<IncidentNotice> notices = new ArrayList<>();
        Escalations.Change escalation = null;
        if (record.value() instanceof IncidentRecordEntry entry) {
            next = RecordFold.apply(current, entry);
            if (!AvroEquality.same(next, current) && !RecordFold.isStub(next)) {
                escalation = escalations.onEntry(record.key(), current, next, entry);
            }
        } else if (record.value() instanceof DeliveryReceipt receipt) {
            next = RecordFold.apply(current, receipt);
        } else if (record.value() instanceof IncidentShare share) {
            requireRecord(current, share.getExercise(), "share " + share.getShareId(), record.key());
            if (!config.hasNoticeTopic(share.getToCeptoar())) {
                throw new InvalidReportException(DeadLetterReason.UNKNOWN_RECIPIENT, "share " + share.getShareId()
                        + " to CEPTOAR '" + share.getToCeptoar() + "', which has no notice topic");
            }
            if (RecordFold.isShared(current, share.getToCeptoar())) {
                return; // shared with that CEPTOAR before: nothing new, no second notice
            }
            next = RecordFold.apply(current, share);
            notices.add(SharedNotices.of(next, share));
        } else if (record.value() instanceof IncidentAcknowledgement ack) {
            // the message names the ack and the incident, never the note (free text of a secretariat)
            requireRecord(current, ack.getExercise(), "acknowledgement " + ack.getAckId() + " by " + ack.getBy(),
                    record.key());
            if (RecordFold.isAcknowledged(current, ack.getAckId())) {
                return;
            }
            next = RecordFold.apply(current, ack);
            escalation = escalations.onAck(record.key(), next, ack.getBy(), ack.getAt());
        } else {
            throw new IllegalArgumentException("not a record input: " + record.value().getClass().getName());
        }
        if (escalation != null && escalation.sends()) {
            notices.addAll(escalation.notices());
            next = RecordFold.withNotices(next, escalation.notices(), Instant.ofEpochMilli(record.timestamp()));
        }
        List<EncodedOutput> encoded = notices.stream().map(this::encode).toList();
        // one walk of the whole record, not two: this runs for every entry, receipt, share and ack
        boolean changed = !AvroEquality.same(next, current);
        if (!changed && escalation == null) {
            return;
        }
        records.put(record.key(), next);
        if (escalation != null) {
            escalations.commit(escalation);
        }
        if (!RecordFold.isStub(next) && changed) {
            context().forward(record.withValue(next));
        }
        encoded.forEach(out -> context().forward(record.withValue(out)));
    }

    private static void requireRecord(IncidentRecord current, boolean exercise, String what, String key) {
        if (current == null || RecordFold.isStub(current) || current.getExercise() != exercise) {
            throw new InvalidReportException(DeadLetterReason.UNKNOWN_INCIDENT, what + " of incident " + key
                    + ", which has no record" + (current == null || RecordFold.isStub(current) ? "" : " on these topics"));
        }
    }

    /**
     * Pages what is due. Each due entry leaves the index before it is handled: one that throws is dead-lettered
     * once ({@link TimerFailedException}) instead of failing every punctuation; the others stay for the next one.
     * Failures of the runtime and an unreachable registry propagate (the task fails, the transaction aborts and
     * the stores go back to their committed state, index entry included).
     */
    private void escalate(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        for (String key : escalations.takeDue(now)) {
            IncidentRecord current = records.get(key);
            try {
                Escalations.Change change = escalations.onClock(key, current, now);
                IncidentRecord next = change.sends() ? RecordFold.withNotices(current, change.notices(), now) : current;
                List<EncodedOutput> encoded = change.notices().stream().map(this::encode).toList();
                if (next != current) {
                    records.put(key, next);
                }
                escalations.commit(change);
                if (next != current) {
                    context().forward(new Record<>(key, next, wallClockMs));
                }
                encoded.forEach(out -> context().forward(new Record<>(key, out, wallClockMs)));
            } catch (StreamsException | SchemaRegistryException.Unavailable e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TimerFailedException(key, current != null && current.getExercise(), e);
            }
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
