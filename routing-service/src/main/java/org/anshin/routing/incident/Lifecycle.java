package org.anshin.routing.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.ServiceLevel;
import org.anshin.routing.classify.Classifier;
import org.anshin.routing.classify.ServiceLevelVerdict;
import org.anshin.routing.classify.Verdict;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;

/**
 * Folds reports into an incident's state and decides which notice, if any, the change deserves.
 * Pure: the caller passes the classification time.
 *
 * <ul>
 *   <li>An UPDATE or RESOLVED before any INITIAL opens the incident (operators lose INITIALs; a real
 *       incident is never dropped); the reason says so.</li>
 *   <li>A report after RESOLVED reopens the incident: UPDATED, or ESCALATED if it now crosses the level.</li>
 *   <li>TLP only tightens: once a report marked the incident RED, later GREEN reports do not widen it.</li>
 *   <li>The incident keeps the sector it was opened in: a later report naming another sector of the same
 *       operator is folded in (never dropped after its 202) and the reason says so.</li>
 *   <li>Only the last {@link #MAX_REMEMBERED_REPORTS} reportIds are kept for dedup, so the state stays far
 *       below the broker's record size limit however many updates an incident gets.</li>
 *   <li>The operator's own service level, if it declared one, is classified beside the verification level
 *       with the same rules; it never changes the classification (routing, TLP and fan-out follow the
 *       verification level only), but a change of its verdict is an UPDATED notice, and a duration-based
 *       breach is found by the same timer: the state's dueAt is the earlier of the two crossings.</li>
 * </ul>
 */
public final class Lifecycle {

    /** The new state, the notice it calls for (empty: nothing to tell) and whether the level was first exceeded now. */
    public record Step(IncidentState state, Optional<NoticeType> notice, boolean firstExceeded) {
    }

    /**
     * Dedup window per incident, in reports: ~40 KB of ids at most. With ingest's per-incident limit
     * (120 reports an hour by default) a resent report is recognised for at least the last 8 hours.
     */
    public static final int MAX_REMEMBERED_REPORTS = 1000;

    private Lifecycle() {
    }

    /**
     * @param serviceLevel the reporting operator's own service level; empty when it declared none
     */
    public static Step apply(IncidentState previous, IncidentReport report, SectorLevel level,
                             Optional<ServiceLevel> serviceLevel, Instant now) {
        boolean resolvedReport = report.getReportType() == ReportType.RESOLVED;
        Instant resolvedAt = resolvedReport
                ? Optional.ofNullable(report.getResolvedAt()).orElse(now) : null;
        Map<String, Object> reported = ImpactValues.of(report.getImpact());
        List<String> reportIds = new ArrayList<>(previous == null ? List.of() : previous.reportIds());
        reportIds.add(report.getReportId().toString());
        if (reportIds.size() > MAX_REMEMBERED_REPORTS) {
            reportIds = reportIds.subList(reportIds.size() - MAX_REMEMBERED_REPORTS, reportIds.size());
        }

        Instant occurredAt = previous == null || report.getOccurredAt().isBefore(previous.occurredAt())
                ? report.getOccurredAt() : previous.occurredAt();
        Map<String, Object> impact = previous == null ? reported : ImpactValues.merge(previous.impact(), reported);
        Tlp tlp = previous == null ? report.getTlp() : stricter(previous.tlp(), report.getTlp());
        IncidentState.Status status = resolvedReport ? IncidentState.Status.RESOLVED : IncidentState.Status.OPEN;
        boolean open = status == IncidentState.Status.OPEN;

        Verdict verdict = Classifier.classify(level, impact, occurredAt, open ? now : resolvedAt, open);
        Optional<ServiceLevelVerdict> service = serviceLevel.map(sl -> Classifier.classify(sl, impact, occurredAt,
                open ? now : resolvedAt, open));
        Boolean breached = service.map(ServiceLevelVerdict::breached).orElse(null);
        String note = note(previous, report);
        boolean firstExceeded = verdict.exceeds() && (previous == null || !previous.everExceeded());
        NoticeType notice = decide(previous, verdict, breached, impact, tlp, resolvedReport);

        String sectorNote = level.sector().equals(report.getSector()) ? ""
                : " [report named sector " + report.getSector() + "; the incident stays in " + level.sector() + "]";
        String sectorNoteJa = sectorNote.isEmpty() ? ""
                : "[報告の分野 " + report.getSector() + " は無視し、" + level.sector() + " のまま]";
        IncidentState next = new IncidentState(report.getIncidentId().toString(), level.sector(),
                report.getOperatorId().toString(), status, verdict.classification(),
                verdict.reason() + breachedNote(breached) + note + sectorNote,
                verdict.reasonJa() + breachedNoteJa(breached) + noteJa(note) + sectorNoteJa, tlp,
                report.getExercise(), occurredAt, resolvedAt, now, impact, reportIds,
                notice == null ? (previous == null ? null : previous.lastNoticeType()) : notice,
                report.getSummary().toString(), report.getCause(), report.getReceivedAt(),
                verdict.exceeds() || (previous != null && previous.everExceeded()), nextDue(verdict, service),
                previous == null ? IncidentKeys.incidentKey(report) : previous.incidentKey(),
                previous == null ? 1 : previous.reportCount() + 1,
                previous == null ? List.of() : previous.notices(),
                breached, everBreached(previous, breached));
        return new Step(next, Optional.ofNullable(notice), firstExceeded);
    }

    /**
     * Re-classifies an open incident at {@code now} without a report (the duration timer). Returns
     * ESCALATED when the verification level is crossed now; UPDATED when only the operator's service level
     * is newly breached; else no notice. The returned state's dueAt is the next crossing still ahead (the
     * caller re-arms the timer from it), so a timer never fires twice for the same crossing.
     */
    public static Step recheck(IncidentState state, SectorLevel level, Optional<ServiceLevel> serviceLevel,
                               Instant now) {
        if (!state.open()) {
            return new Step(state, Optional.empty(), false);
        }
        Verdict verdict = Classifier.classify(level, state.impact(), state.occurredAt(), now, true);
        Optional<ServiceLevelVerdict> service = serviceLevel.map(sl -> Classifier.classify(sl, state.impact(),
                state.occurredAt(), now, true));
        Boolean breached = service.map(ServiceLevelVerdict::breached).orElse(null);
        boolean escalated = verdict.exceeds() && state.classification() != verdict.classification();
        boolean newlyBreached = Boolean.TRUE.equals(breached) && !Boolean.TRUE.equals(state.serviceLevelBreached());
        Instant due = nextDue(verdict, service);
        if (!escalated && !newlyBreached) {
            // nothing crossed (the config changed since the timer was set): only the timer moves, or goes
            return new Step(Objects.equals(due, state.dueAt()) ? state : state.withDueAt(due), Optional.empty(), false);
        }
        NoticeType type = escalated ? NoticeType.ESCALATED : NoticeType.UPDATED;
        Classification classification = escalated ? verdict.classification() : state.classification();
        IncidentState next = new IncidentState(state.incidentId(), state.sector(), state.operatorId(), state.status(),
                classification, verdict.reason() + breachedNote(breached) + " (duration crossed, no new report)",
                verdict.reasonJa() + breachedNoteJa(breached)
                        + (escalated ? "(継続時間により超過、新規報告なし)" : "(継続時間によりサービスレベル未達、新規報告なし)"),
                state.tlp(),
                state.exercise(), state.occurredAt(), null, now, state.impact(), state.reportIds(), type,
                state.summary(), state.cause(), state.receivedAt(), escalated || state.everExceeded(), due,
                state.incidentKey(), state.reportCount(), state.notices(), breached,
                everBreached(state, breached));
        return new Step(next, Optional.of(type), escalated && !state.everExceeded());
    }

    /** The earlier of the two crossings still ahead, or null: one timer per incident serves both levels. */
    static Instant nextDue(Verdict verdict, Optional<ServiceLevelVerdict> service) {
        Instant level = verdict.crossesAt().orElse(null);
        Instant own = service.flatMap(ServiceLevelVerdict::crossesAt).orElse(null);
        if (level == null || own == null) {
            return level == null ? own : level;
        }
        return level.isBefore(own) ? level : own;
    }

    /** True once breached; otherwise the current verdict (null while no service level was ever declared). */
    private static Boolean everBreached(IncidentState previous, Boolean breached) {
        if (Boolean.TRUE.equals(breached) || (previous != null && Boolean.TRUE.equals(previous.everServiceLevelBreached()))) {
            return Boolean.TRUE;
        }
        return breached != null ? breached : previous == null ? null : previous.everServiceLevelBreached();
    }

    private static String breachedNote(Boolean breached) {
        return Boolean.TRUE.equals(breached) ? ServiceLevelVerdict.BREACHED_EN : "";
    }

    private static String breachedNoteJa(Boolean breached) {
        return Boolean.TRUE.equals(breached) ? ServiceLevelVerdict.BREACHED_JA : "";
    }

    private static NoticeType decide(IncidentState previous, Verdict verdict, Boolean breached,
                                     Map<String, Object> impact, Tlp tlp, boolean resolvedReport) {
        if (previous == null) {
            return NoticeType.NEW;
        }
        boolean crossed = verdict.exceeds() && !previous.classification().equals(verdict.classification());
        if (resolvedReport && previous.open()) {
            return NoticeType.RESOLVED;
        }
        if (crossed) {
            return NoticeType.ESCALATED;
        }
        boolean reopened = !resolvedReport && !previous.open();
        // the service level becoming breached (or no longer) is news: it makes the incident an IT failure by the
        // operator's own bar. Not declared and not breached page no one (a state stored before service levels
        // existed reads null and must not send an UPDATED on its next report for that alone)
        if (reopened || previous.classification() != verdict.classification() || previous.tlp() != tlp
                || Boolean.TRUE.equals(previous.serviceLevelBreached()) != Boolean.TRUE.equals(breached)
                || ImpactValues.materiallyDifferent(previous.impact(), impact)) {
            return NoticeType.UPDATED;
        }
        return null;
    }

    private static String note(IncidentState previous, IncidentReport report) {
        if (previous == null && report.getReportType() != ReportType.INITIAL) {
            return " [opened by a " + report.getReportType() + " report: no INITIAL seen]";
        }
        if (previous != null && !previous.open() && report.getReportType() != ReportType.RESOLVED) {
            return " [reopened after RESOLVED]";
        }
        return "";
    }

    private static String noteJa(String note) {
        if (note.isEmpty()) {
            return "";
        }
        return note.contains("reopened") ? "[解決後に再開]" : "[第一報なしで開始]";
    }

    /** TLP order CLEAR < GREEN < AMBER < AMBER+STRICT < RED; the enum is declared in that order. */
    static Tlp stricter(Tlp a, Tlp b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
