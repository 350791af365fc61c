package org.anshin.routing.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;
import org.anshin.routing.fanout.NoticeIds;
import org.anshin.routing.incident.ImpactValues;
import org.anshin.schemas.ClassificationChange;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordedReport;

/**
 * The notices of an escalation, built from the incident's record as it stands (like the shared notices), in full:
 * their recipients are the incident's own CEPTOAR and NISC, who receive everything of it. Ids are deterministic
 * ({@link NoticeIds} of incidentKey, {@code escalation-tier-<n>}, recipient, type), so a punctuation or a
 * resolution processed again writes the same notices.
 */
public final class EscalationNotices {
    private final VerificationLevels levels;

    public EscalationNotices(VerificationLevels levels) {
        this.levels = levels;
    }

    public static String trigger(int tier) {
        return "escalation-tier-" + tier;
    }

    /** The re-page to {@code page}'s tier: ESCALATED, saying who has not acknowledged for how long. */
    public IncidentNotice page(IncidentRecord r, EscalationRules.Page page, Instant at) {
        int tier = page.tier().tier();
        String after = page.tier().after().toString();
        String levelJa = levels.of(r.getSector()).map(SectorLevel::levelJa).filter(s -> s != null && !s.isBlank())
                .or(() -> levels.of(r.getSector()).map(SectorLevel::level)).orElse(r.getSector());
        String reason = "not acknowledged by " + page.recipient() + " for " + after + ": paged tier " + tier
                + " of its escalation policy. " + classificationReason(r);
        String reasonJa = page.recipient() + "が" + after + "の間確認応答していないため、エスカレーション第" + tier
                + "段階に再通知します。検証レベル超過(" + levelJa + ")";
        return base(r, page.recipient(), NoticeType.ESCALATED, tier, at).setReason(reason.strip())
                .setReasonJa(reasonJa).build();
    }

    /** The RESOLVED for a reached tier, so what that tier's channels opened closes. */
    public IncidentNotice resolved(IncidentRecord r, EscalationRules.Closing c, Instant at) {
        String reason = "resolved: closes the tier " + c.tier() + " page of " + c.recipient() + ". "
                + classificationReason(r);
        String reasonJa = "解決しました。エスカレーション第" + c.tier() + "段階の通知を終了します。";
        return base(r, c.recipient(), NoticeType.RESOLVED, c.tier(), at).setReason(reason.strip())
                .setReasonJa(reasonJa).build();
    }

    private static IncidentNotice.Builder base(IncidentRecord r, String recipient, NoticeType type, int tier,
                                               Instant at) {
        List<RecordedReport> reports = r.getReports();
        RecordedReport last = reports.isEmpty() ? null : reports.get(reports.size() - 1);
        Map<String, Object> impact = Map.of();
        for (RecordedReport report : reports) {
            impact = ImpactValues.merge(impact, ImpactValues.of(report.getImpact()));
        }
        return IncidentNotice.newBuilder()
                .setNoticeId(NoticeIds.of(r.getIncidentKey(), trigger(tier), recipient, type.name()))
                .setIncidentId(r.getIncidentId()).setIncidentKey(r.getIncidentKey()).setReportId(null)
                .setSector(r.getSector()).setCeptoarId(recipient).setOperatorId(r.getOperatorId())
                .setNoticeType(type).setClassification(r.getClassification())
                .setServiceLevelBreached(r.getServiceLevelBreached()).setTlp(r.getTlp()).setExercise(r.getExercise())
                .setSummary(last == null ? null : last.getSummary()).setCause(r.getCause())
                .setImpact(reports.isEmpty() ? null : ImpactValues.toAvro(impact))
                .setOccurredAt(r.getOccurredAt()).setResolvedAt(r.getResolvedAt()).setClassifiedAt(at)
                // no report triggered it: report-to-delivery latency does not apply
                .setReceivedAt(null).setSharedBy(null).setEscalationTier(tier);
    }

    private static String classificationReason(IncidentRecord r) {
        List<ClassificationChange> changes = r.getClassifications();
        return changes.isEmpty() ? "" : changes.get(changes.size() - 1).getReason();
    }
}
