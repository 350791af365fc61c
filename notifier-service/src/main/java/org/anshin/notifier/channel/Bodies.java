package org.anshin.notifier.channel;

import org.anshin.schemas.NoticeKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;

/** The JSON body each HTTP channel type sends. Pure functions of the message: unit-tested one by one. */
public final class Bodies {
    private Bodies() {
    }

    /**
     * webhook: the latest notice as JSON; when a grouping window merged several notices, the earlier
     * ones ride along in {@code groupedNotices} (oldest first).
     */
    public static ObjectNode webhook(ObjectMapper json, Outbound m) {
        ObjectNode body = NoticeJson.of(json, m.latest());
        body.put("channel", m.channel().id());
        body.put("idempotencyKey", m.idempotencyKey());
        if (m.grouped()) {
            ArrayNode earlier = body.putArray("groupedNotices");
            m.notices().subList(0, m.notices().size() - 1).forEach(n -> earlier.add(NoticeJson.of(json, n)));
        }
        return body;
    }

    /** slack: an incoming-webhook body, plain {@code text} as fallback plus blocks. */
    public static ObjectNode slack(ObjectMapper json, Outbound m) {
        IncidentNotice n = m.latest();
        String headline = (Texts.exceeds(n) ? ":rotating_light: " : ":information_source: ") + Texts.headlineEn(n);
        StringBuilder detail = new StringBuilder()
                .append("*Sector:* ").append(n.getSector()).append("   *CEPTOAR:* ").append(n.getCeptoarId())
                .append("   *").append(Texts.tlp(n.getTlp())).append("*\n")
                .append("*Reason:* ").append(n.getReason()).append('\n')
                .append("*Summary:* ").append(Texts.summary(n)).append('\n')
                .append("*Occurred:* ").append(n.getOccurredAt());
        if (m.grouped()) {
            detail.append("\n_").append(m.notices().size()).append(" notices merged: ");
            m.notices().forEach(x -> detail.append(x.getNoticeType()).append(' '));
            detail.setLength(detail.length() - 1);
            detail.append("_");
        }
        ObjectNode body = json.createObjectNode();
        body.put("text", headline + "\n" + Texts.headlineJa(n));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(Texts.headlineEn(n), 150));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", detail.toString());
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", Texts.headlineJa(n) + " | notice " + n.getNoticeId());
        return body;
    }

    /**
     * pagerduty: Events API v2. dedup_key is the incident key (not the operator's incidentId, which two
     * operators or a drill may share), so every notice of one incident updates one PagerDuty incident, the
     * RESOLVED notice resolves it, and another incident with the same incidentId stays another one.
     */
    public static ObjectNode pagerduty(ObjectMapper json, Outbound m) {
        IncidentNotice n = m.latest();
        ObjectNode body = json.createObjectNode();
        body.put("routing_key", m.channel().routingKey().orElseThrow());
        body.put("event_action", n.getNoticeType() == NoticeType.RESOLVED ? "resolve" : "trigger");
        body.put("dedup_key", NoticeKeys.incidentKey(n));
        ObjectNode payload = body.putObject("payload");
        payload.put("summary", truncate(Texts.headlineEn(n) + " - " + n.getReason(), 1024));
        payload.put("source", "anshin/" + n.getCeptoarId());
        payload.put("severity", Texts.exceeds(n) ? "critical" : "warning");
        payload.put("timestamp", n.getClassifiedAt().toString());
        payload.put("component", n.getSector());
        payload.put("group", n.getCeptoarId());
        payload.put("class", n.getNoticeType().name());
        payload.set("custom_details", NoticeJson.of(json, n));
        return body;
    }

    /**
     * alertmanager: {@code POST /api/v2/alerts} takes a list of alerts. Labels identify the alert (one per
     * incident and CEPTOAR), so updates replace it and the RESOLVED notice ends it via {@code endsAt}.
     * {@code incident_key} makes the identity the incident's key; {@code incident} (the operator's id) is
     * for people reading the alert.
     */
    public static ArrayNode alertmanager(ObjectMapper json, Outbound m) {
        IncidentNotice n = m.latest();
        ArrayNode alerts = json.createArrayNode();
        ObjectNode alert = alerts.addObject();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", n.getExercise() ? "AnshinExerciseIncident" : "AnshinIncident");
        labels.put("sector", n.getSector());
        labels.put("ceptoar", n.getCeptoarId());
        labels.put("classification", n.getClassification().name());
        labels.put("incident", n.getIncidentId());
        labels.put("incident_key", NoticeKeys.incidentKey(n));
        labels.put("severity", Texts.exceeds(n) ? "critical" : "warning");
        ObjectNode annotations = alert.putObject("annotations");
        annotations.put("summary", Texts.headlineEn(n));
        annotations.put("summary_ja", Texts.headlineJa(n));
        annotations.put("reason", n.getReason());
        annotations.put("description", Texts.summary(n));
        annotations.put("notice_id", n.getNoticeId());
        annotations.put("notice_type", n.getNoticeType().name());
        annotations.put("tlp", Texts.tlp(n.getTlp()));
        alert.put("startsAt", n.getOccurredAt().toString());
        if (n.getNoticeType() == NoticeType.RESOLVED) {
            alert.put("endsAt", (n.getResolvedAt() != null ? n.getResolvedAt() : n.getClassifiedAt()).toString());
        }
        return alerts;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
