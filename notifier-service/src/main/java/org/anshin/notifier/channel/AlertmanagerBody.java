package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;
import org.anshin.schemas.NoticeType;

/** The Alertmanager {@code /api/v2/alerts} body. A pure function of the message: unit-tested on its own. */
public final class AlertmanagerBody {
    private AlertmanagerBody() {
    }

    /**
     * alertmanager: {@code POST /api/v2/alerts} takes a list of alerts. Labels identify the alert (one per
     * incident and CEPTOAR), so updates replace it and the RESOLVED notice ends it via {@code endsAt}.
     * {@code incident_key} makes the identity the incident's key; {@code incident} (the operator's id) is
     * for people reading the alert.
     */
    public static ArrayNode render(ObjectMapper json, Outbound m) {
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
}
