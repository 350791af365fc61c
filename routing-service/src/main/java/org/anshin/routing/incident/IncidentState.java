package org.anshin.routing.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;

/**
 * An incident's current classified state, the value of the incidents store (keyed by
 * {@link IncidentKeys#live}). Immutable; {@link Lifecycle} folds each report into a new one.
 *
 * <p>Its size is bounded whatever the operator sends: {@code reportIds} keeps only the most recent
 * reports (dedup window, {@link Lifecycle#MAX_REMEMBERED_REPORTS}) and {@code notices} the most recent
 * notices ({@link #MAX_NOTICE_LOG}); the counts keep growing, the lists do not.
 *
 * @param everExceeded whether the incident has exceeded its level at least once (cascade warnings and
 *                     the exceeding-level counter fire once per incident)
 * @param dueAt        when a duration-based level will be crossed while open (the timer), or null
 * @param incidentKey  the stable key of this incident (see {@link IncidentKeys#incidentKey})
 * @param reportCount  reports accepted into this incident (the reportIds list is only the recent ones)
 * @param notices      the most recent notices sent, oldest first, for the reporter's view
 * @param serviceLevelBreached     whether the operator's own service level (operators.yaml serviceLevel) is
 *                                 breached now; null when the operator declared none (or the state was
 *                                 stored before service levels existed). Never changes the classification
 * @param everServiceLevelBreached whether it was breached at least once (true stays true, like
 *                                 everExceeded): what the incident record counts; null when never declared
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentState(String incidentId, String sector, String operatorId, Status status,
                            Classification classification, String reason, String reasonJa, Tlp tlp,
                            boolean exercise, Instant occurredAt, Instant resolvedAt, Instant updatedAt,
                            Map<String, Object> impact, List<String> reportIds, NoticeType lastNoticeType,
                            String summary, Cause cause, Instant receivedAt, boolean everExceeded, Instant dueAt,
                            String incidentKey, int reportCount, List<SentNotice> notices,
                            Boolean serviceLevelBreached, Boolean everServiceLevelBreached) {

    public static final int MAX_NOTICE_LOG = 50;

    public enum Status { OPEN, RESOLVED }

    /** One notice decision: its type, when, and the recipients (CEPTOAR ids, "nisc") it went to. */
    public record SentNotice(NoticeType noticeType, Instant at, List<String> recipients) {
        public SentNotice {
            recipients = List.copyOf(recipients);
        }
    }

    /** A state without a service-level verdict (the operator declared none). */
    public IncidentState(String incidentId, String sector, String operatorId, Status status,
                         Classification classification, String reason, String reasonJa, Tlp tlp,
                         boolean exercise, Instant occurredAt, Instant resolvedAt, Instant updatedAt,
                         Map<String, Object> impact, List<String> reportIds, NoticeType lastNoticeType,
                         String summary, Cause cause, Instant receivedAt, boolean everExceeded, Instant dueAt,
                         String incidentKey, int reportCount, List<SentNotice> notices) {
        this(incidentId, sector, operatorId, status, classification, reason, reasonJa, tlp, exercise, occurredAt,
                resolvedAt, updatedAt, impact, reportIds, lastNoticeType, summary, cause, receivedAt, everExceeded,
                dueAt, incidentKey, reportCount, notices, null, null);
    }

    @JsonCreator
    public IncidentState {
        // JSON reads small counts back as Integer: normalise so a stored state equals a fresh one
        Map<String, Object> normalised = new java.util.LinkedHashMap<>();
        impact.forEach((k, v) -> normalised.put(k, v instanceof Number n ? Long.valueOf(n.longValue()) : v));
        impact = java.util.Collections.unmodifiableMap(normalised);
        reportIds = List.copyOf(reportIds);
        // entries written before incidentKey existed: a key derived from what they have, stable across reads
        incidentKey = incidentKey != null ? incidentKey : IncidentKeys.legacyIncidentKey(incidentId, operatorId, exercise);
        reportCount = Math.max(reportCount, reportIds.size());
        notices = notices == null ? List.of() : List.copyOf(notices);
        // breached now implies breached once, whatever a caller passed
        everServiceLevelBreached = Boolean.TRUE.equals(serviceLevelBreached) ? Boolean.TRUE : everServiceLevelBreached;
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    /**
     * The next time the punctuator must look at this incident: the duration crossing while open, the
     * end of the closing period once resolved (then the incident leaves the live store).
     */
    public Instant nextTimer(Duration closingPeriod) {
        return open() ? dueAt : updatedAt.plus(closingPeriod);
    }

    /** Resolved for longer than the closing period at {@code now}: a later report starts a new incident. */
    public boolean closedAt(Instant now, Duration closingPeriod) {
        return !open() && !now.isBefore(updatedAt.plus(closingPeriod));
    }

    /** This state with one more notice decision logged (the oldest dropped beyond {@link #MAX_NOTICE_LOG}). */
    public IncidentState withNotice(SentNotice sent) {
        List<SentNotice> log = new ArrayList<>(notices);
        log.add(sent);
        if (log.size() > MAX_NOTICE_LOG) {
            log = log.subList(log.size() - MAX_NOTICE_LOG, log.size());
        }
        return new IncidentState(incidentId, sector, operatorId, status, classification, reason, reasonJa, tlp, exercise,
                occurredAt, resolvedAt, updatedAt, impact, reportIds, lastNoticeType, summary, cause, receivedAt,
                everExceeded, dueAt, incidentKey, reportCount, log, serviceLevelBreached, everServiceLevelBreached);
    }

    /** This state with another duration timer (or none); nothing else changes. */
    public IncidentState withDueAt(Instant due) {
        return new IncidentState(incidentId, sector, operatorId, status, classification, reason, reasonJa, tlp, exercise,
                occurredAt, resolvedAt, updatedAt, impact, reportIds, lastNoticeType, summary, cause, receivedAt,
                everExceeded, due, incidentKey, reportCount, notices, serviceLevelBreached, everServiceLevelBreached);
    }
}
