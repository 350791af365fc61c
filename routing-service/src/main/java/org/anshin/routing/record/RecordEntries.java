package org.anshin.routing.record;

import java.time.Instant;
import java.util.List;
import org.anshin.routing.incident.IncidentState;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.RecordEntryKind;
import org.anshin.schemas.RecordedNotice;
import org.anshin.schemas.RecordedReport;

/**
 * The record entry of one routing decision: the incident's state after it, the report it accepted (if any) and
 * the notices it emitted. Built from exactly what the router wrote to its stores and topics in the same
 * transaction, so the record never disagrees with what was sent.
 */
public final class RecordEntries {
    private RecordEntries() {
    }

    public static IncidentRecordEntry of(RecordEntryKind kind, IncidentState state, IncidentReport report,
                                         List<IncidentNotice> notices, Instant at) {
        IncidentStatus status = kind == RecordEntryKind.CLOSED ? IncidentStatus.CLOSED
                : state.open() ? IncidentStatus.OPEN : IncidentStatus.RESOLVED;
        return IncidentRecordEntry.newBuilder()
                .setIncidentKey(state.incidentKey())
                .setIncidentId(state.incidentId())
                .setOperatorId(state.operatorId())
                .setSector(state.sector())
                .setExercise(state.exercise())
                .setKind(kind)
                .setAt(at)
                .setReport(report == null ? null : report(report))
                .setStatus(status)
                .setClassification(state.classification())
                .setServiceLevelBreached(state.serviceLevelBreached()) // null: no service level declared
                .setReason(state.reason())
                .setTlp(state.tlp())
                .setCause(state.cause())
                .setOccurredAt(state.occurredAt())
                .setResolvedAt(state.resolvedAt())
                .setNotices(notices.stream().map(n -> notice(n, at)).toList())
                .build();
    }

    static RecordedReport report(IncidentReport r) {
        return RecordedReport.newBuilder()
                .setReportId(r.getReportId())
                .setReportType(r.getReportType())
                .setOccurredAt(r.getOccurredAt())
                .setDetectedAt(r.getDetectedAt())
                .setResolvedAt(r.getResolvedAt())
                .setReceivedAt(r.getReceivedAt())
                .setImpact(r.getImpact())
                .setCause(r.getCause())
                .setCiaImpact(r.getCiaImpact())
                .setTlp(r.getTlp())
                .setSummary(r.getSummary())
                .build();
    }

    /**
     * @param at when routing emitted it: the decision's time, not the notice's classifiedAt, which an anonymised
     *           cascade warning carries coarsened to the minute (the record, read by NISC, keeps the exact time)
     */
    static RecordedNotice notice(IncidentNotice n, Instant at) {
        return RecordedNotice.newBuilder()
                .setNoticeId(n.getNoticeId())
                .setNoticeType(n.getNoticeType())
                .setRecipient(n.getCeptoarId())
                .setClassification(n.getClassification())
                .setAt(at)
                .setReportId(n.getReportId())
                .setEscalationTier(n.getEscalationTier())
                .build();
    }
}
