package org.anshin.routing.record;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Classification;
import org.anshin.schemas.Impact;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordedNotice;

/**
 * The JSON form of an incident record on the internal API ({@code GET /v1/records...}): the whole record for
 * trusted callers (ingest, the console), which apply TLP for their own readers, plus {@link #timeline()}: every
 * report, classification change, notice decision, delivery outcome and acknowledgement in time order.
 */
public record RecordView(String incidentKey, String incidentId, String operatorId, String sector, boolean exercise,
                         String status, String classification, boolean everExceeded, Instant firstExceededAt,
                         Boolean serviceLevelBreached, String tlp, String cause, List<String> ciaImpact,
                         Instant occurredAt, Instant openedAt, Instant resolvedAt, Instant closedAt, Instant updatedAt,
                         int reportCount, int noticeCount, int retryCount, List<TimelineEvent> timeline) {

    /**
     * One line of the timeline. {@code kind}: REPORT, CLASSIFICATION, NOTICE, ESCALATION (a re-page of tier n >= 2,
     * or the RESOLVED that closed it: "paged tier 2 of electricity: not acknowledged for PT15M4S"), DELIVERY, ACK
     * ({@code what} the secretariat's id, {@code ref} the ackId, {@code detail} its name and note) or SHARE (to another
     * CEPTOAR by agreement: {@code what} is the receiving CEPTOAR); {@code what} the
     * report type, classification, notice type, delivery outcome or acknowledging secretariat; {@code ref} the
     * reportId or noticeId it is about; {@code detail} a short text (the reason, the channel, the note).
     */
    public record TimelineEvent(Instant at, String kind, String what, String ref, String detail,
                                Map<String, Object> impact) {
    }

    public static RecordView of(IncidentRecord r) {
        return new RecordView(r.getIncidentKey(), r.getIncidentId(), r.getOperatorId(), r.getSector(), r.getExercise(),
                r.getStatus().name(), r.getClassification().name(), r.getEverExceeded(), r.getFirstExceededAt(),
                r.getServiceLevelBreached(), r.getTlp() == org.anshin.schemas.Tlp.AMBER_STRICT ? "AMBER+STRICT"
                        : r.getTlp().name(), r.getCause().name(), r.getCiaImpact().stream().map(Enum::name).toList(),
                r.getOccurredAt(), r.getOpenedAt(), r.getResolvedAt(), r.getClosedAt(), r.getUpdatedAt(),
                r.getReportCount(), r.getNoticeCount(), r.getRetryCount(), timeline(r, true));
    }

    /** A delivery line as the reporting operator sees it: recipient and channel type, not the channel's id. */
    public static TimelineEvent forOperator(TimelineEvent e) {
        if (!e.kind().equals("DELIVERY") || e.detail() == null) {
            return e;
        }
        return new TimelineEvent(e.at(), e.kind(), e.what(), e.ref(),
                e.detail().replaceAll("^(\\S+): .* \\((\\w+)\\)$", "$1 $2"), null);
    }

    /**
     * The events in time order (stable: at equal times, reports before classifications before notices before
     * deliveries). {@code withChannels}: delivery lines name the channel; without, only the recipient and type.
     */
    public static List<TimelineEvent> timeline(IncidentRecord r, boolean withChannels) {
        List<TimelineEvent> out = new ArrayList<>();
        r.getReports().forEach(x -> out.add(new TimelineEvent(x.getReceivedAt(), "REPORT", x.getReportType().name(),
                x.getReportId(), null, impact(x.getImpact()))));
        r.getClassifications().forEach(c -> out.add(new TimelineEvent(c.getAt(), "CLASSIFICATION",
                c.getClassification().name(), null, c.getReason(), null)));
        r.getNotices().forEach(n -> out.add(n.getEscalationTier() >= 2 ? escalation(r, n)
                : new TimelineEvent(n.getAt(), "NOTICE", n.getNoticeType().name(), n.getNoticeId(),
                "to " + n.getRecipient(), null)));
        r.getDeliveries().forEach(d -> out.add(new TimelineEvent(d.getAt(), "DELIVERY", d.getOutcome().name(),
                d.getNoticeId(), withChannels ? d.getCeptoarId() + ": " + d.getChannel() + " (" + d.getChannelType() + ")"
                        : d.getCeptoarId() + " " + d.getChannelType(), null)));
        r.getAcknowledgements().forEach(a -> out.add(new TimelineEvent(a.getAt(), "ACK", a.getBy(),
                a.getAckId().isEmpty() ? null : a.getAckId(), "acknowledged by "
                + (a.getByName().isEmpty() ? a.getBy() : a.getByName()) + (a.getNote().isEmpty() ? "" : ": " + a.getNote()),
                null)));
        r.getShares().forEach(x -> out.add(new TimelineEvent(x.getAt(), "SHARE", x.getToCeptoar(), null,
                "shared by " + x.getFromCeptoar() + (x.getNote().isEmpty() ? "" : ": " + x.getNote()), null)));
        List<String> order = List.of("REPORT", "CLASSIFICATION", "NOTICE", "ESCALATION", "DELIVERY", "ACK", "SHARE");
        out.sort(Comparator.comparing(TimelineEvent::at).thenComparing(e -> order.indexOf(e.kind())));
        return out;
    }

    /**
     * A re-page (ESCALATED, tier n >= 2) or the RESOLVED that closed it. How long it went unacknowledged is the time
     * from the recipient's first notice beyond the verification level (the clock's start) to the page, to the
     * second; without that notice in the record (older than its bounded list) the line says only the tier.
     */
    private static TimelineEvent escalation(IncidentRecord r, RecordedNotice n) {
        String what = n.getNoticeType() == NoticeType.RESOLVED ? "closed" : "paged";
        String detail = what + " tier " + n.getEscalationTier() + " of " + n.getRecipient();
        if (n.getNoticeType() == NoticeType.ESCALATED) {
            detail += r.getNotices().stream().filter(x -> x.getRecipient().equals(n.getRecipient())
                            && x.getEscalationTier() == 1 && x.getNoticeType() != NoticeType.CASCADE_WARNING
                            && x.getClassification() == Classification.EXCEEDS_VERIFICATION_LEVEL)
                    .findFirst().map(start -> ": not acknowledged for "
                            + Duration.between(start.getAt(), n.getAt()).truncatedTo(ChronoUnit.SECONDS))
                    .orElse(": not acknowledged");
        } else {
            detail += ": resolved";
        }
        return new TimelineEvent(n.getAt(), "ESCALATION", n.getNoticeType().name(), n.getNoticeId(), detail, null);
    }

    private static Map<String, Object> impact(Impact impact) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (var field : Impact.getClassSchema().getFields()) {
            Object v = impact.get(field.pos());
            if (v != null) {
                out.put(field.name(), v);
            }
        }
        return out;
    }
}
