package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;
import org.anshin.schemas.NoticeType;

/** The PagerDuty Events API v2 body. A pure function of the message: unit-tested on its own. */
public final class PagerDutyBody {
    private PagerDutyBody() {
    }

    /** With the default incident URL template; the notifier itself renders with its configured links. */
    public static ObjectNode render(ObjectMapper json, Outbound m) {
        return render(json, m, IncidentLinks.DEFAULT);
    }

    /**
     * pagerduty: Events API v2. dedup_key is the incident key (not the operator's incidentId, which two
     * operators or a drill may share), so every notice of one incident updates one PagerDuty incident, the
     * RESOLVED notice resolves it, and another incident with the same incidentId stays another one.
     *
     * <p>Every notice but RESOLVED is a {@code trigger}, also UPDATED, ESCALATED and CASCADE_WARNING of an incident
     * PagerDuty already has: a trigger whose dedup_key matches an open (triggered or acknowledged) PagerDuty
     * incident is appended to that incident's alert log and does not open a new incident, and an acknowledged
     * incident stays acknowledged (no new page). So an update never un-acknowledges or re-pages; the responder sees
     * the newer state in the log. The notifier never sends {@code acknowledge}: that is the responder's act.
     *
     * <p>A notice of escalation tier n >= 2 (a re-page of an unacknowledged incident, and later the RESOLVED that
     * closes it) has dedup_key {@code <incidentKey>/tier-<n>}: its own PagerDuty incident, so it pages even where a
     * tier-2 channel shares the tier-1 channel's service (the same dedup_key would only append to the incident
     * nobody acknowledged), and its RESOLVED resolves exactly it.
     *
     * <p>{@code client}/{@code client_url} and {@code links} point at the incident's page ({@link IncidentLinks}).
     */
    public static ObjectNode render(ObjectMapper json, Outbound m, IncidentLinks links) {
        IncidentNotice n = m.latest();
        ObjectNode body = json.createObjectNode();
        body.put("routing_key", m.channel().routingKey().orElseThrow());
        body.put("event_action", n.getNoticeType() == NoticeType.RESOLVED ? "resolve" : "trigger");
        body.put("dedup_key", dedupKey(n));
        String page = links.of(n);
        body.put("client", "Anshin");
        body.put("client_url", page);
        ArrayNode linkList = body.putArray("links");
        ObjectNode link = linkList.addObject();
        link.put("href", page);
        link.put("text", (n.getExercise() ? "[EXERCISE] " : "") + "Anshin incident " + n.getIncidentId());
        ObjectNode payload = body.putObject("payload");
        // headlineEn starts with "[EXERCISE] " for drills: the summary is PagerDuty's incident title
        payload.put("summary", Texts.truncate(Texts.headlineEn(n) + " - " + n.getReason(), 1024));
        payload.put("source", "anshin/" + n.getCeptoarId());
        payload.put("severity", Texts.exceeds(n) ? "critical" : "warning");
        payload.put("timestamp", n.getClassifiedAt().toString());
        payload.put("component", n.getSector());
        payload.put("group", n.getCeptoarId());
        payload.put("class", (n.getExercise() ? "EXERCISE " : "") + n.getNoticeType().name());
        payload.set("custom_details", NoticeJson.of(json, n));
        return body;
    }

    /** The incident key; with {@code /tier-<n>} for escalation tier n >= 2 (see {@link #render}). */
    static String dedupKey(IncidentNotice n) {
        String key = NoticeKeys.incidentKey(n);
        return n.getEscalationTier() >= 2 ? key + "/tier-" + n.getEscalationTier() : key;
    }
}
