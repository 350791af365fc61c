package org.anshin.routing.incident;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.ReportKeys;

/**
 * How routing names an incident. An incident is identified by (operator, incidentId, real or drill):
 * two operators may both use {@code INC-0001}, and a drill may reuse a real incident's id.
 * <ul>
 *   <li>{@link #live}: the incidents-store key of the incident currently open (or recently resolved)
 *       under that identity, computed from any of its reports.</li>
 *   <li>{@link #incidentKey}: the key subscribers see on every notice (and the Kafka key of notices).
 *       A name-based UUID of the identity and the report that opened the incident, so it is stable for
 *       the incident's whole life, different for a later incident that reuses the id after closing,
 *       and not computable by anyone who only knows or guesses the operator's incidentId.</li>
 * </ul>
 */
public final class IncidentKeys {
    private IncidentKeys() {
    }

    public static String live(IncidentReport r) {
        return live(r.getOperatorId(), r.getIncidentId(), r.getExercise());
    }

    /** {@code r/<operator>/<incidentId>} for real incidents, {@code x/...} for drills. */
    public static String live(String operatorId, String incidentId, boolean exercise) {
        return (exercise ? "x/" : "r/") + ReportKeys.of(operatorId, incidentId);
    }

    public static String incidentKey(IncidentReport opening) {
        return uuid("anshin-incident", opening.getExercise() ? "exercise" : "real", opening.getOperatorId(),
                opening.getIncidentId(), opening.getReportId());
    }

    /** For store entries written before incidentKey existed (no opening report known). */
    static String legacyIncidentKey(String incidentId, String operatorId, boolean exercise) {
        return uuid("anshin-incident-legacy", exercise ? "exercise" : "real", String.valueOf(operatorId),
                String.valueOf(incidentId));
    }

    private static String uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
