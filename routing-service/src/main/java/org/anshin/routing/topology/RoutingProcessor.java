package org.anshin.routing.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.anshin.common.config.SectorLevel;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.errors.DeadLetterReason;
import org.anshin.routing.errors.InvalidReportException;
import org.anshin.routing.errors.NoticeUnwritableException;
import org.anshin.routing.errors.TimerFailedException;
import org.anshin.routing.fanout.FanOut;
import org.anshin.routing.incident.IncidentKeys;
import org.anshin.routing.incident.IncidentState;
import org.anshin.routing.incident.Lifecycle;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.RecordEntryKind;
import org.anshin.routing.record.RecordEntries;
import org.anshin.schemas.ReportKeys;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One report in, zero or more notices out: dedup by reportId, fold into the incident, classify, fan
 * out. A wall-clock punctuator escalates open incidents whose level duration is crossed without a
 * new report, and closes resolved incidents at the end of their closing period.
 *
 * <p>Order of work for a report: decide everything (new state, notices, their bytes), then write the
 * stores, then forward. A report whose notices cannot be written is dead-lettered with the stores as
 * they were, so replaying it later is not mistaken for a duplicate.
 *
 * <p>An incident's clock never runs backwards: a report is classified at the later of its own time and
 * the incident's last classification (a report accepted before a duration timer fired but read after
 * it cannot undo the ESCALATED notice the timer sent).
 */
final class RoutingProcessor extends ContextualProcessor<String, IncidentReport, String, Encoded> {
    private final RoutingConfig config;
    private final FanOut fanOut;
    private final RoutingMetrics metrics;
    private final Serializer<IncidentNotice> noticeSerializer;
    private final Serializer<IncidentRecordEntry> entrySerializer;
    private KeyValueStore<String, IncidentState> incidents;
    private DueTimers timers;

    RoutingProcessor(RoutingConfig config, RoutingMetrics metrics, Serializer<IncidentNotice> noticeSerializer,
                     Serializer<IncidentRecordEntry> entrySerializer) {
        this.entrySerializer = entrySerializer;
        this.config = config;
        this.fanOut = new FanOut(config.levels(), config.interdependency(), config.pseudonyms());
        this.metrics = metrics;
        this.noticeSerializer = noticeSerializer;
    }

    @Override
    public void init(ProcessorContext<String, Encoded> context) {
        super.init(context);
        incidents = context.getStateStore(RoutingTopology.INCIDENTS_STORE);
        timers = new DueTimers(context.getStateStore(RoutingTopology.TIMERS_STORE));
        // wall clock, not stream time: a quiet partition must still escalate within 60 s of the crossing
        context.schedule(config.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDue);
    }

    @Override
    public void process(Record<String, IncidentReport> record) {
        IncidentReport report = validate(record);
        String reportId = report.getReportId();
        String liveKey = IncidentKeys.live(report);
        IncidentState stored = incidents.get(liveKey);
        Instant reportTime = Instant.ofEpochMilli(record.timestamp());
        // resolved longer ago than the closing period: this report opens a new incident under the same id
        IncidentState previous = stored != null && stored.closedAt(reportTime, config.closingPeriod()) ? null : stored;
        if (previous != null && previous.reportIds().contains(reportId)) {
            metrics.duplicate();
            return;
        }
        Instant now = previous == null || reportTime.isAfter(previous.updatedAt()) ? reportTime : previous.updatedAt();
        SectorLevel level = config.levels().of(previous == null ? report.getSector() : previous.sector()).orElseThrow();
        Lifecycle.Step step = Lifecycle.apply(previous, report, level, config.serviceLevelOf(report.getOperatorId()),
                now);
        List<IncidentNotice> notices = step.notice().map(type -> fanOut.notices(step.state(), type,
                step.firstExceeded(), reportId, reportId, now)).orElse(List.of());
        List<EncodedNotice> encoded = encode(notices);
        IncidentState next = logged(step.state(), notices, now);
        EncodedEntry entry = entry(RecordEntryKind.REPORT, next, report, notices, now);
        incidents.put(liveKey, next);
        timers.schedule(stored == null ? null : stored.nextTimer(config.closingPeriod()),
                next.nextTimer(config.closingPeriod()), liveKey);
        emit(step, encoded, now);
        forward(entry, now);
    }

    private IncidentReport validate(Record<String, IncidentReport> record) {
        IncidentReport report = record.value();
        if (report == null) {
            throw invalid(DeadLetterReason.NULL_VALUE, "record without a value (key " + record.key() + ")");
        }
        // whatever its flag says, a report read from the exercise topic is a drill: it must never ring a real phone
        if (!report.getExercise() && context().recordMetadata()
                .map(m -> m.topic().equals(config.exerciseReportsTopic())).orElse(false)) {
            report.setExercise(true);
        }
        // records written before 0.2 are keyed by the bare incidentId; they are still routed
        if (record.key() == null || !(record.key().equals(ReportKeys.of(report))
                || record.key().equals(report.getIncidentId()))) {
            throw invalid(DeadLetterReason.KEY_MISMATCH, "key '" + record.key() + "' is not the report's '"
                    + ReportKeys.of(report) + "' (operatorId/incidentId)");
        }
        if (config.levels().of(report.getSector()).isEmpty()) {
            throw invalid(DeadLetterReason.UNKNOWN_SECTOR, "unknown sector '" + report.getSector() + "' (known: "
                    + config.levels().bySector().keySet() + ")");
        }
        return report;
    }

    private InvalidReportException invalid(DeadLetterReason reason, String message) {
        metrics.invalid(reason);
        return new InvalidReportException(reason, message);
    }

    /**
     * Every notice serialized for its topic. An unreachable registry propagates (the task fails and the
     * report is retried); a notice the registry refuses for its topic makes the whole report a dead letter.
     */
    private List<EncodedNotice> encode(List<IncidentNotice> notices) {
        List<EncodedNotice> out = new ArrayList<>(notices.size());
        for (IncidentNotice notice : notices) {
            String topic = config.noticeTopic(notice.getCeptoarId(), notice.getExercise());
            try {
                out.add(new EncodedNotice(topic, noticeSerializer.serialize(topic, notice), notice));
            } catch (SchemaRegistryException.Unavailable e) {
                throw e;
            } catch (KafkaException | SchemaRegistryException e) {
                metrics.invalid(DeadLetterReason.NOTICE_UNWRITABLE);
                throw new NoticeUnwritableException(topic, e);
            }
        }
        return out;
    }

    /** The state with this decision in its notice log (one entry per notice type, all recipients). */
    private static IncidentState logged(IncidentState state, List<IncidentNotice> notices, Instant at) {
        IncidentState out = state;
        for (var type : notices.stream().map(IncidentNotice::getNoticeType).distinct().toList()) {
            List<String> recipients = notices.stream().filter(n -> n.getNoticeType() == type)
                    .map(IncidentNotice::getCeptoarId).toList();
            out = out.withNotice(new IncidentState.SentNotice(type, at, recipients));
        }
        return out;
    }

    /**
     * Each due timer is removed before it is handled: one that throws is dead-lettered once
     * ({@link TimerFailedException}) instead of failing every punctuation; the timers after it stay
     * in the store for the next punctuation. Failures of the store itself are not the timer's fault
     * and propagate (the task fails and is retried).
     */
    private void fireDue(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        for (KeyValue<Instant, String> due : timers.due(now)) {
            timers.remove(due.key, due.value);
            IncidentState state = incidents.get(due.value);
            try {
                fire(due.key, due.value, state, now);
            } catch (StreamsException | SchemaRegistryException.Unavailable e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TimerFailedException(due.value, state != null && state.exercise(), e);
            }
        }
    }

    private void fire(Instant dueAt, String liveKey, IncidentState state, Instant now) {
        if (state == null || !dueAt.equals(state.nextTimer(config.closingPeriod()))) {
            return; // superseded by a later report
        }
        if (!state.open()) {
            EncodedEntry closed = entry(RecordEntryKind.CLOSED, state, null, List.of(), now);
            incidents.delete(liveKey); // closed: a tombstone in the changelog, so the store stops growing
            metrics.closed();
            forward(closed, now); // the record keeps the incident after the live store forgets it
            return;
        }
        SectorLevel level = config.levels().of(state.sector()).orElseThrow();
        Instant at = now.isAfter(state.updatedAt()) ? now : state.updatedAt();
        Lifecycle.Step step = Lifecycle.recheck(state, level, config.serviceLevelOf(state.operatorId()), at);
        String trigger = "duration-crossed@" + dueAt.toEpochMilli();
        List<IncidentNotice> notices = step.notice().map(type -> fanOut.notices(step.state(), type,
                step.firstExceeded(), trigger, null, at)).orElse(List.of());
        List<EncodedNotice> encoded = encode(notices);
        IncidentState next = logged(step.state(), notices, at);
        EncodedEntry entry = notices.isEmpty() ? null : entry(RecordEntryKind.TIMER, next, null, notices, at);
        incidents.put(liveKey, next);
        // the other level's crossing, if still ahead (the due timer itself was removed before fire)
        timers.schedule(null, next.nextTimer(config.closingPeriod()), liveKey);
        emit(step, encoded, at);
        if (entry != null) {
            forward(entry, at);
        }
    }

    /**
     * The record's entry of this decision, serialized now like the notices (a registry that refuses it
     * dead-letters the report with the stores unchanged; one that is unreachable fails the task to retry).
     */
    private EncodedEntry entry(RecordEntryKind kind, IncidentState state, IncidentReport report,
                               List<IncidentNotice> notices, Instant at) {
        IncidentRecordEntry entry = RecordEntries.of(kind, state, report, notices, at);
        String topic = config.recordEntriesTopic(state.exercise());
        try {
            return new EncodedEntry(topic, entrySerializer.serialize(topic, entry), entry.getIncidentKey());
        } catch (SchemaRegistryException.Unavailable e) {
            throw e;
        } catch (KafkaException | SchemaRegistryException e) {
            metrics.invalid(DeadLetterReason.NOTICE_UNWRITABLE);
            throw new NoticeUnwritableException(topic, e);
        }
    }

    private void forward(EncodedEntry entry, Instant at) {
        context().forward(new Record<>(entry.incidentKey(), entry, at.toEpochMilli()));
    }

    private void emit(Lifecycle.Step step, List<EncodedNotice> notices, Instant now) {
        if (step.firstExceeded()) {
            metrics.incidentExceeded(step.state().sector());
        }
        for (EncodedNotice encoded : notices) {
            IncidentNotice notice = encoded.notice();
            context().forward(new Record<>(notice.getIncidentKey(), encoded, now.toEpochMilli()));
            metrics.noticeRouted(notice.getCeptoarId(), notice.getClassification().name());
        }
    }
}
