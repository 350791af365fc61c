package org.anshin.routing.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Impact;
import org.anshin.schemas.IncidentRecord;

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
     * One line of the timeline. {@code kind}: REPORT, CLASSIFICATION, NOTICE, DELIVERY, ACK or SHARE (to another
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
        r.getNotices().forEach(n -> out.add(new TimelineEvent(n.getAt(), "NOTICE", n.getNoticeType().name(),
                n.getNoticeId(), "to " + n.getRecipient(), null)));
        r.getDeliveries().forEach(d -> out.add(new TimelineEvent(d.getAt(), "DELIVERY", d.getOutcome().name(),
                d.getNoticeId(), withChannels ? d.getCeptoarId() + ": " + d.getChannel() + " (" + d.getChannelType() + ")"
                        : d.getCeptoarId() + " " + d.getChannelType(), null)));
        r.getAcknowledgements().forEach(a -> out.add(new TimelineEvent(a.getAt(), "ACK", a.getBy(), null, a.getNote(),
                null)));
        r.getShares().forEach(x -> out.add(new TimelineEvent(x.getAt(), "SHARE", x.getToCeptoar(), null,
                "shared by " + x.getFromCeptoar() + (x.getNote().isEmpty() ? "" : ": " + x.getNote()), null)));
        List<String> order = List.of("REPORT", "CLASSIFICATION", "NOTICE", "DELIVERY", "ACK", "SHARE");
        out.sort(Comparator.comparing(TimelineEvent::at).thenComparing(e -> order.indexOf(e.kind())));
        return out;
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
