package org.anshin.routing.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;

/**
 * An incident's current classified state, the value of the incidents store and the body of
 * {@code GET /v1/incidents/{id}}. Immutable; {@link Lifecycle} folds each report into a new one.
 *
 * @param everExceeded whether the incident has exceeded its level at least once (cascade warnings and
 *                     the exceeding-level counter fire once per incident)
 * @param dueAt        when a duration-based level will be crossed while open (the timer), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentState(String incidentId, String sector, String operatorId, Status status,
                            Classification classification, String reason, String reasonJa, Tlp tlp,
                            boolean exercise, Instant occurredAt, Instant resolvedAt, Instant updatedAt,
                            Map<String, Object> impact, List<String> reportIds, NoticeType lastNoticeType,
                            String summary, Cause cause, Instant receivedAt, boolean everExceeded, Instant dueAt) {

    public enum Status { OPEN, RESOLVED }

    public IncidentState {
        // JSON reads small counts back as Integer: normalise so a stored state equals a fresh one
        Map<String, Object> normalised = new java.util.LinkedHashMap<>();
        impact.forEach((k, v) -> normalised.put(k, v instanceof Number n ? Long.valueOf(n.longValue()) : v));
        impact = java.util.Collections.unmodifiableMap(normalised);
        reportIds = List.copyOf(reportIds);
    }

    public boolean open() {
        return status == Status.OPEN;
    }
}
