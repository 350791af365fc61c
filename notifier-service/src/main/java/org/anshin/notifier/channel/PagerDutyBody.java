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

    /**
     * pagerduty: Events API v2. dedup_key is the incident key (not the operator's incidentId, which two
     * operators or a drill may share), so every notice of one incident updates one PagerDuty incident, the
     * RESOLVED notice resolves it, and another incident with the same incidentId stays another one.
     */
    public static ObjectNode render(ObjectMapper json, Outbound m) {
        IncidentNotice n = m.latest();
        ObjectNode body = json.createObjectNode();
        body.put("routing_key", m.channel().routingKey().orElseThrow());
        body.put("event_action", n.getNoticeType() == NoticeType.RESOLVED ? "resolve" : "trigger");
        body.put("dedup_key", NoticeKeys.incidentKey(n));
        ObjectNode payload = body.putObject("payload");
        payload.put("summary", Texts.truncate(Texts.headlineEn(n) + " - " + n.getReason(), 1024));
        payload.put("source", "anshin/" + n.getCeptoarId());
        payload.put("severity", Texts.exceeds(n) ? "critical" : "warning");
        payload.put("timestamp", n.getClassifiedAt().toString());
        payload.put("component", n.getSector());
        payload.put("group", n.getCeptoarId());
        payload.put("class", n.getNoticeType().name());
        payload.set("custom_details", NoticeJson.of(json, n));
        return body;
    }
}
