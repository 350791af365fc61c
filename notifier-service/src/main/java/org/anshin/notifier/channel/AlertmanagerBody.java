package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;
import org.anshin.schemas.NoticeType;

/**
 * The Alertmanager {@code /api/v2/alerts} body. Pure functions of the message, the link template and the time:
 * unit-tested on their own, and used both by the channel (the delivered notice) and by the keeper (its re-posts).
 *
 * <p>Alertmanager identifies an alert by ALL of its labels (the fingerprint), so the labels are the incident's
 * identity and nothing else, fixed for its whole life: {@code alertname}, {@code incident_key},
 * {@code incident}, {@code sector}, {@code ceptoar}, and {@code exercise="true"} for drills. Everything that
 * changes while the incident is open (classification, severity, notice type, TLP, texts) is an annotation: as a
 * label, an ESCALATED notice would start a second alert and leave the first one firing. A notice of escalation
 * tier n >= 2 adds {@code escalation_tier="n"}: every notice of that tier (the re-page, its RESOLVED) carries the
 * same n, so it is the tier's own alert for the incident's life, which an Alertmanager route can send to the duty
 * receiver even where tier 1 and tier 2 post to the same Alertmanager; tier 1's labels are unchanged.
 */
public final class AlertmanagerBody {
    public static final String ALERTNAME = "AnshinIncident";
    public static final String EXERCISE_ALERTNAME = "AnshinExerciseIncident";
    public static final String CASCADE_ALERTNAME = "AnshinCascadeWarning";
    public static final String EXERCISE_CASCADE_ALERTNAME = "AnshinExerciseCascadeWarning";

    private AlertmanagerBody() {
    }

    /** The channel's body with the default incident links (tests, tools). */
    public static ArrayNode render(ObjectMapper json, Outbound m) {
        return render(json, m, IncidentLinks.DEFAULT, Instant.now());
    }

    /**
     * The body of a delivered message: one alert, its {@code endsAt} by {@link #endsAt}. The channel's resend
     * interval is what the keeper re-posts by, so the alert outlives the gap to the next re-post.
     */
    public static ArrayNode render(ObjectMapper json, Outbound m, IncidentLinks links, Instant now) {
        IncidentNotice n = m.latest();
        ObjectNode alert = alert(json, n, links);
        return post(json, alert, endsAt(n, m.channel().options().resendInterval(), now));
    }

    /** The POST body of one alert with that end time ({@code null}: none, the receiver's resolve_timeout applies). */
    public static ArrayNode post(ObjectMapper json, ObjectNode alert, Instant endsAt) {
        ArrayNode alerts = json.createArrayNode();
        ObjectNode copy = alerts.addObject();
        copy.setAll(alert.deepCopy());
        if (endsAt != null) {
            copy.put("endsAt", endsAt.toString());
        }
        return alerts;
    }

    /**
     * One alert without {@code endsAt}: labels (the identity, see the class comment), annotations (the current
     * state), {@code startsAt} = occurredAt, {@code generatorURL} = where a person sees the incident.
     */
    public static ObjectNode alert(ObjectMapper json, IncidentNotice n, IncidentLinks links) {
        ObjectNode alert = json.createObjectNode();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", alertname(n));
        labels.put("incident_key", NoticeKeys.incidentKey(n));
        labels.put("incident", n.getIncidentId());
        labels.put("sector", n.getSector());
        labels.put("ceptoar", n.getCeptoarId());
        if (n.getExercise()) {
            labels.put("exercise", "true");
        }
        if (n.getEscalationTier() >= 2) {
            labels.put("escalation_tier", Integer.toString(n.getEscalationTier()));
        }
        ObjectNode annotations = alert.putObject("annotations");
        annotations.put("summary", Texts.headlineEn(n));
        annotations.put("summary_ja", Texts.headlineJa(n));
        annotations.put("reason", n.getReason());
        annotations.put("description", Texts.summary(n));
        annotations.put("classification", n.getClassification().name());
        annotations.put("severity", Texts.exceeds(n) ? "critical" : "warning");
        annotations.put("notice_id", n.getNoticeId());
        annotations.put("notice_type", n.getNoticeType().name());
        annotations.put("tlp", Texts.tlp(n.getTlp()));
        alert.put("startsAt", n.getOccurredAt().toString());
        alert.put("generatorURL", links.of(n));
        return alert;
    }

    /**
     * A cascade warning is its own alert at the dependent sector's CEPTOAR (routing sends it once and never
     * resolves it), so it has its own alertname: it is never confused with, or kept firing like, an incident.
     */
    static String alertname(IncidentNotice n) {
        boolean cascade = n.getNoticeType() == NoticeType.CASCADE_WARNING;
        if (n.getExercise()) {
            return cascade ? EXERCISE_CASCADE_ALERTNAME : EXERCISE_ALERTNAME;
        }
        return cascade ? CASCADE_ALERTNAME : ALERTNAME;
    }

    /** Whether the keeper keeps this notice's alert firing: an open incident's, not a one-off cascade warning. */
    public static boolean keptFiring(IncidentNotice n) {
        return n.getNoticeType() != NoticeType.RESOLVED && n.getNoticeType() != NoticeType.CASCADE_WARNING;
    }

    /**
     * The {@code endsAt} rule. RESOLVED: the incident's resolvedAt (classifiedAt if missing), never later than now
     * (it ends at once) nor before startsAt (Alertmanager refuses that). An open incident: two resend intervals
     * after now (or after startsAt, if that lies ahead), so one lost re-post does not resolve it, and a notifier that
     * stops re-posting lets it end by itself within two intervals. A cascade warning: none (it is never re-posted;
     * the receiver's resolve_timeout ends it).
     */
    public static Instant endsAt(IncidentNotice n, Duration resendInterval, Instant now) {
        Instant startsAt = n.getOccurredAt();
        if (n.getNoticeType() == NoticeType.RESOLVED) {
            Instant resolved = n.getResolvedAt() != null ? n.getResolvedAt() : n.getClassifiedAt();
            if (resolved == null || resolved.isAfter(now)) {
                resolved = now;
            }
            return resolved.isBefore(startsAt) ? startsAt : resolved;
        }
        if (n.getNoticeType() == NoticeType.CASCADE_WARNING) {
            return null;
        }
        Instant from = startsAt.isAfter(now) ? startsAt : now;
        return from.plus(resendInterval.multipliedBy(2));
    }

    /** {@code /api/v2/alerts} of the channel's URL (unless it names it already). */
    public static URI endpoint(URI base) {
        return HttpJsonChannel.alertsEndpoint(base);
    }
}
