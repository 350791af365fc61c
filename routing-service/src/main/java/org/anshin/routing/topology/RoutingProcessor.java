package org.anshin.routing.topology;

import java.time.Instant;
import java.util.List;
import org.anshin.common.config.SectorLevel;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.errors.DeadLetterReason;
import org.anshin.routing.errors.InvalidReportException;
import org.anshin.routing.errors.TimerFailedException;
import org.anshin.routing.fanout.FanOut;
import org.anshin.routing.incident.IncidentState;
import org.anshin.routing.incident.Lifecycle;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
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
 * new report. Everything here is local state access: no blocking I/O on the stream thread.
 */
final class RoutingProcessor extends ContextualProcessor<String, IncidentReport, String, IncidentNotice> {
    private final RoutingConfig config;
    private final FanOut fanOut;
    private final RoutingMetrics metrics;
    private KeyValueStore<String, IncidentState> incidents;
    private DueTimers timers;

    RoutingProcessor(RoutingConfig config, RoutingMetrics metrics) {
        this.config = config;
        this.fanOut = new FanOut(config.levels(), config.interdependency());
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, IncidentNotice> context) {
        super.init(context);
        incidents = context.getStateStore(RoutingTopology.INCIDENTS_STORE);
        timers = new DueTimers(context.getStateStore(RoutingTopology.TIMERS_STORE));
        // wall clock, not stream time: a quiet partition must still escalate within 60 s of the crossing
        context.schedule(config.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::escalateDue);
    }

    @Override
    public void process(Record<String, IncidentReport> record) {
        IncidentReport report = validate(record);
        String reportId = report.getReportId().toString();
        IncidentState previous = incidents.get(record.key());
        if (previous != null && previous.reportIds().contains(reportId)) {
            metrics.duplicate();
            return;
        }
        SectorLevel level = config.levels().of(report.getSector().toString()).orElseThrow();
        checkOwner(previous, report);
        Instant now = Instant.ofEpochMilli(record.timestamp());
        Lifecycle.Step step = Lifecycle.apply(previous, report, level, now);
        List<IncidentNotice> notices = step.notice().map(type -> fanOut.notices(step.state(), type,
                step.firstExceeded(), reportId, reportId, now)).orElse(List.of());
        // Everything is decided before the first write: a report that makes the code above throw goes
        // to the dead-letter topic without leaving half its effects in the stores.
        incidents.put(record.key(), step.state());
        timers.schedule(previous == null ? null : previous.dueAt(), step.state().dueAt(), record.key());
        emit(step, notices, now);
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
        if (record.key() == null || !record.key().equals(report.getIncidentId().toString())) {
            throw invalid(DeadLetterReason.KEY_MISMATCH, "key '" + record.key() + "' is not the report's incidentId '"
                    + report.getIncidentId() + "'");
        }
        if (config.levels().of(report.getSector().toString()).isEmpty()) {
            throw invalid(DeadLetterReason.UNKNOWN_SECTOR, "unknown sector '" + report.getSector() + "' (known: "
                    + config.levels().bySector().keySet() + ")");
        }
        return report;
    }

    /** An incidentId is owned by its first operator and its real-or-drill nature; anything else is a collision. */
    private void checkOwner(IncidentState previous, IncidentReport report) {
        if (previous == null) {
            return;
        }
        if (!previous.operatorId().equals(report.getOperatorId().toString())
                || previous.exercise() != report.getExercise() || !previous.sector().equals(report.getSector().toString())) {
            throw invalid(DeadLetterReason.INCIDENT_COLLISION, "incident '" + previous.incidentId() + "' belongs to operator "
                    + previous.operatorId() + " (" + previous.sector() + (previous.exercise() ? ", exercise" : "")
                    + "); report " + report.getReportId() + " from " + report.getOperatorId() + " ("
                    + report.getSector() + (report.getExercise() ? ", exercise" : "") + ") does not match");
        }
    }

    private InvalidReportException invalid(DeadLetterReason reason, String message) {
        metrics.invalid(reason);
        return new InvalidReportException(reason, message);
    }

    /**
     * Each due timer is removed before it is handled: one that throws is dead-lettered once
     * ({@link TimerFailedException}) instead of failing every punctuation; the timers after it stay
     * in the store for the next punctuation. Failures of the store itself are not the timer's fault
     * and propagate (the task fails and is retried).
     */
    private void escalateDue(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        for (KeyValue<Instant, String> due : timers.due(now)) {
            timers.remove(due.key, due.value);
            IncidentState state = incidents.get(due.value);
            try {
                escalate(due.key, due.value, state, now);
            } catch (StreamsException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TimerFailedException(due.value, state != null && state.exercise(), e);
            }
        }
    }

    private void escalate(Instant dueAt, String incidentId, IncidentState state, Instant now) {
        if (state == null || !dueAt.equals(state.dueAt())) {
            return; // superseded by a later report
        }
        SectorLevel level = config.levels().of(state.sector()).orElseThrow();
        Lifecycle.Step step = Lifecycle.recheck(state, level, now);
        String trigger = "duration-crossed@" + dueAt.toEpochMilli();
        List<IncidentNotice> notices = step.notice().map(type -> fanOut.notices(step.state(), type,
                step.firstExceeded(), trigger, null, now)).orElse(List.of());
        incidents.put(incidentId, step.state());
        emit(step, notices, now);
    }

    private void emit(Lifecycle.Step step, List<IncidentNotice> notices, Instant now) {
        if (step.firstExceeded()) {
            metrics.incidentExceeded(step.state().sector());
        }
        for (IncidentNotice notice : notices) {
            context().forward(new Record<>(notice.getIncidentId().toString(), notice, now.toEpochMilli()));
            metrics.noticeRouted(notice.getCeptoarId().toString(), notice.getClassification().name());
        }
    }
}
