package org.anshin.routing.advisory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.errors.DeadLetterReason;
import org.anshin.routing.errors.InvalidReportException;
import org.anshin.routing.errors.NoticeUnwritableException;
import org.anshin.routing.topology.EncodedOutput;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AvroEquality;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.RecordedFeedback;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's advisories (keyed by advisoryId): the first Advisory of an id fans out one AdvisoryNotice per
 * recipient CEPTOAR and starts its record; feedback and delivery receipts are folded into the record. Every
 * output is serialized before the store is written (a schema the registry refuses dead-letters the input with
 * the store unchanged), and every new version of the record goes to {@code advisories.record}.
 *
 * <p>Feedback or a receipt of an advisory not in the store is dead-lettered ({@code unknown-advisory}), not kept
 * as a stub: ingest accepts feedback only after asking this store whether the advisory is addressed to the
 * operator, and receipts follow notices this processor wrote, so such an input is a forgery or a bug, and the
 * dead letter keeps its bytes for a replay.
 */
final class AdvisoryProcessor extends ContextualProcessor<String, SpecificRecord, String, EncodedOutput> {
    private final RoutingConfig config;
    private final AdvisoryMetrics metrics;
    private final Serializer<AdvisoryNotice> noticeSerializer;
    private final Serializer<AdvisoryRecord> recordSerializer;
    private KeyValueStore<String, AdvisoryRecord> store;

    AdvisoryProcessor(RoutingConfig config, AdvisoryMetrics metrics, Serializer<AdvisoryNotice> noticeSerializer,
                      Serializer<AdvisoryRecord> recordSerializer) {
        this.config = config;
        this.metrics = metrics;
        this.noticeSerializer = noticeSerializer;
        this.recordSerializer = recordSerializer;
    }

    @Override
    public void init(ProcessorContext<String, EncodedOutput> context) {
        super.init(context);
        store = context.getStateStore(AdvisoryTopology.ADVISORIES_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        AdvisoryRecord current = store.get(record.key());
        if (record.value() instanceof Advisory read) {
            // an advisory read from the exercise topic is a drill whatever its flag says (as for reports)
            boolean drillTopic = context().recordMetadata()
                    .map(m -> m.topic().equals(config.advisoriesTopic(true))).orElse(false);
            Advisory a = drillTopic && !read.getExercise() ? Advisory.newBuilder(read).setExercise(true).build() : read;
            if (current != null) {
                metrics.duplicate(); // the same advisoryId again changes nothing, whatever it says now
                return;
            }
            issue(record, a);
        } else if (record.value() instanceof AdvisoryFeedback f) {
            answer(record, requireKnown(current, f.getExercise(), "feedback"), f);
        } else if (record.value() instanceof DeliveryReceipt r) {
            update(record, current, AdvisoryFold.apply(requireKnown(current, r.getExercise(), "a receipt"), r));
        } else {
            throw new IllegalArgumentException("not an advisory input: " + record.value().getClass().getName());
        }
    }

    private void issue(Record<String, SpecificRecord> record, Advisory a) {
        if (!record.key().equals(a.getAdvisoryId())) {
            throw new InvalidReportException(DeadLetterReason.ADVISORY_REFUSED, "advisory key '" + record.key()
                    + "' is not its advisoryId");
        }
        if (a.getTlp() == Tlp.RED) {
            throw new InvalidReportException(DeadLetterReason.ADVISORY_REFUSED, "TLP:RED advisories are not shared "
                    + "through Anshin: send them to their named recipients directly");
        }
        AdvisoryAudience audience = config.advisories();
        List<String> unknown = audience.unknownSectors(a);
        if (!unknown.isEmpty()) {
            throw new InvalidReportException(DeadLetterReason.UNKNOWN_SECTOR, "advisory " + a.getAdvisoryId()
                    + " names sectors that verification-levels.yaml does not list: " + unknown);
        }
        Map<String, List<String>> recipients = audience.recipients(a);
        List<EncodedOutput> out = new ArrayList<>();
        for (var e : recipients.entrySet()) {
            AdvisoryNotice n = notice(a, e.getKey(), e.getValue());
            out.add(encode(config.advisoryTopic(e.getKey(), a.getExercise()), n, noticeSerializer));
        }
        AdvisoryRecord next = AdvisoryFold.start(a, List.copyOf(recipients.keySet()));
        out.add(encode(config.advisoryRecordTopic(a.getExercise()), next, recordSerializer));
        store.put(record.key(), next);
        metrics.issued(a.getIssuerId());
        out.forEach(o -> context().forward(record.withValue(o)));
    }

    private void answer(Record<String, SpecificRecord> record, AdvisoryRecord current, AdvisoryFeedback f) {
        if (!config.advisories().addresses(current.getAdvisory(), f.getOperatorId())) {
            throw new InvalidReportException(DeadLetterReason.NOT_ADDRESSED, "advisory " + current.getAdvisory()
                    .getAdvisoryId() + " is not addressed to operator '" + f.getOperatorId() + "'");
        }
        Optional<RecordedFeedback> earlier = AdvisoryFold.answerOf(current, f.getOperatorId());
        AdvisoryRecord next = AdvisoryFold.apply(current, f);
        if (update(record, current, next)) {
            if (earlier.isEmpty()) {
                metrics.firstAnswer(f.getUseful());
            } else if (earlier.get().getUseful() != f.getUseful()) {
                metrics.changedAnswer(earlier.get().getUseful());
            }
        }
    }

    /** Stores and publishes a changed record; false when the input changed nothing. */
    private boolean update(Record<String, SpecificRecord> record, AdvisoryRecord current, AdvisoryRecord next) {
        if (AvroEquality.same(next, current)) {
            return false;
        }
        boolean exercise = next.getAdvisory().getExercise();
        EncodedOutput out = encode(config.advisoryRecordTopic(exercise), next, recordSerializer);
        store.put(record.key(), next);
        context().forward(record.withValue(out));
        return true;
    }

    /** The record an input refers to; drills and real advisories never meet (their ids are the issuers' UUIDs). */
    private static AdvisoryRecord requireKnown(AdvisoryRecord current, boolean exercise, String what) {
        if (current == null || current.getAdvisory().getExercise() != exercise) {
            throw new InvalidReportException(DeadLetterReason.UNKNOWN_ADVISORY, what + " of an advisory routing has "
                    + "not seen" + (current == null ? "" : " on " + (exercise ? "exercise" : "real") + " topics"));
        }
        return current;
    }

    static AdvisoryNotice notice(Advisory a, String recipient, List<String> sectors) {
        return AdvisoryNotice.newBuilder().setNoticeId(a.getAdvisoryId() + "." + recipient)
                .setAdvisoryId(a.getAdvisoryId()).setRecipient(recipient).setSectors(List.copyOf(sectors))
                .setSecretariatOnly(AdvisoryAudience.secretariatOnly(a.getTlp())).setIssuerId(a.getIssuerId())
                .setIssuerRole(a.getIssuerRole()).setTitle(a.getTitle()).setBody(a.getBody())
                .setSeverity(a.getSeverity()).setTlp(a.getTlp()).setReferences(a.getReferences())
                .setRelatedIncidentIds(a.getRelatedIncidentIds()).setExercise(a.getExercise())
                .setIssuedAt(a.getIssuedAt()).setExpiresAt(a.getExpiresAt()).build();
    }

    /**
     * An unreachable registry propagates (the task fails and retries the input); a value the registry refuses
     * for its topic dead-letters the input, naming the topic.
     */
    private static <T> EncodedOutput encode(String topic, T value, Serializer<T> serializer) {
        try {
            return new EncodedOutput(topic, serializer.serialize(topic, value));
        } catch (SchemaRegistryException.Unavailable e) {
            throw e;
        } catch (KafkaException | SchemaRegistryException e) {
            throw new NoticeUnwritableException(topic, e);
        }
    }
}
