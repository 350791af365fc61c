package org.anshin.routing.record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.anshin.schemas.ClassificationChange;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordedReport;
import org.anshin.schemas.Tlp;

/**
 * The notice a CEPTOAR receives when another CEPTOAR shares an incident with it by agreement: built from the
 * incident's record as it stands (the latest classification and its reason, sector, cause, occurredAt, resolvedAt,
 * TLP), with the notice type of the record's last notice and {@code sharedBy} naming the sharer. The reporting
 * operator, its free text and its own service-level verdict are withheld unless the TLP is CLEAR or GREEN: an
 * AMBER incident may be shared with the other sector's secretariat, not who reported it or what it wrote.
 */
public final class SharedNotices {
    private SharedNotices() {
    }

    /** Deterministic: a name-based UUID of the shareId, so reprocessing the share writes the same notice. */
    public static String noticeId(IncidentShare s) {
        return UUID.nameUUIDFromBytes(("share\u0000" + s.getShareId()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static IncidentNotice of(IncidentRecord r, IncidentShare s) {
        boolean open = r.getTlp() == Tlp.CLEAR || r.getTlp() == Tlp.GREEN;
        List<ClassificationChange> changes = r.getClassifications();
        String reason = changes.isEmpty() ? "" : changes.get(changes.size() - 1).getReason();
        NoticeType type = r.getNotices().isEmpty() ? NoticeType.NEW
                : r.getNotices().get(r.getNotices().size() - 1).getNoticeType();
        List<RecordedReport> reports = r.getReports();
        RecordedReport last = reports.isEmpty() ? null : reports.get(reports.size() - 1);
        return IncidentNotice.newBuilder().setNoticeId(noticeId(s)).setIncidentId(r.getIncidentId())
                .setIncidentKey(r.getIncidentKey()).setReportId(null).setSector(r.getSector())
                .setCeptoarId(s.getToCeptoar()).setOperatorId(open ? r.getOperatorId() : null).setNoticeType(type)
                .setClassification(r.getClassification())
                .setServiceLevelBreached(open ? r.getServiceLevelBreached() : null).setReason(reason).setReasonJa("")
                .setTlp(r.getTlp()).setExercise(r.getExercise())
                .setSummary(open && last != null ? last.getSummary() : null).setCause(r.getCause()).setImpact(null)
                .setOccurredAt(r.getOccurredAt()).setResolvedAt(r.getResolvedAt()).setClassifiedAt(s.getAt())
                .setReceivedAt(s.getAt()).setSharedBy(s.getFromCeptoar()).build();
    }
}
