package org.anshin.routing.http;

import java.time.Instant;
import java.util.List;
import org.anshin.routing.incident.IncidentState;
import org.anshin.schemas.Tlp;

/**
 * The documented answer of {@code GET /v1/incidents/{incidentId}} (ingest's {@code openapi.yaml},
 * {@code IncidentView}): what the reporting operator may see of its incident's classified state. Not the
 * store record: no dedup window, no timers, no free text echoed back.
 */
public record IncidentView(String incidentId, String incidentKey, String operatorId, String sector, boolean exercise,
                           String status, String classification, Boolean serviceLevelBreached, String reason,
                           String reasonJa, String tlp,
                           Instant occurredAt, Instant resolvedAt, Instant updatedAt, String lastNoticeType,
                           int reportsAccepted, List<Notice> notices,
                           List<org.anshin.routing.record.RecordView.TimelineEvent> timeline) {

    /** One notice decision: type, time and the recipients (CEPTOAR ids, {@code nisc}) it went to. */
    public record Notice(String noticeType, Instant at, List<String> recipients) {
    }

    public static IncidentView of(IncidentState s) {
        return of(s, List.of());
    }

    /**
     * With the incident's timeline from its record: the reports as accepted, classification changes, notices and
     * delivery outcomes (recipient and channel type, not the channel's id), in time order; empty while the record
     * has not caught up or is unreachable.
     */
    public static IncidentView of(IncidentState s, List<org.anshin.routing.record.RecordView.TimelineEvent> timeline) {
        return new IncidentView(s.incidentId(), s.incidentKey(), s.operatorId(), s.sector(), s.exercise(),
                s.status().name(), s.classification().name(), s.serviceLevelBreached(), s.reason(), s.reasonJa(),
                tlp(s.tlp()), s.occurredAt(),
                s.resolvedAt(), s.updatedAt(), s.lastNoticeType() == null ? null : s.lastNoticeType().name(),
                s.reportCount(), s.notices().stream()
                        .map(n -> new Notice(n.noticeType().name(), n.at(), n.recipients())).toList(), timeline);
    }

    /** The JSON API's spelling: {@code AMBER+STRICT}, not the Avro symbol. */
    static String tlp(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT ? "AMBER+STRICT" : tlp.name();
    }
}
