package org.anshin.notifier.channel;

import org.anshin.schemas.NoticeKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.anshin.schemas.Impact;
import org.anshin.schemas.IncidentNotice;

/** A notice as the JSON receivers see it: the Avro field names, times in ISO-8601 UTC, nulls omitted. */
public final class NoticeJson {
    private NoticeJson() {
    }

    public static ObjectNode of(ObjectMapper json, IncidentNotice n) {
        ObjectNode o = json.createObjectNode();
        o.put("noticeId", n.getNoticeId());
        o.put("incidentId", n.getIncidentId());
        o.put("incidentKey", NoticeKeys.incidentKey(n));
        putIfPresent(o, "reportId", n.getReportId());
        o.put("sector", n.getSector());
        o.put("ceptoarId", n.getCeptoarId());
        putIfPresent(o, "operatorId", n.getOperatorId());
        o.put("noticeType", n.getNoticeType().name());
        if (n.getEscalationTier() >= 2) {
            o.put("escalationTier", n.getEscalationTier()); // tier 1's body stays as it was
        }
        o.put("classification", n.getClassification().name());
        o.put("reason", n.getReason());
        if (!n.getReasonJa().isEmpty()) {
            o.put("reasonJa", n.getReasonJa());
        }
        o.put("tlp", Texts.tlp(n.getTlp()));
        o.put("exercise", n.getExercise());
        putIfPresent(o, "summary", n.getSummary());
        o.put("cause", n.getCause().name());
        Impact impact = n.getImpact();
        if (impact != null) {
            ObjectNode i = o.putObject("impact");
            impact.getSchema().getFields().forEach(f -> {
                Object v = impact.get(f.pos());
                if (v != null) {
                    i.set(f.name(), json.valueToTree(v));
                }
            });
        }
        o.put("occurredAt", n.getOccurredAt().toString());
        putIfPresent(o, "resolvedAt", n.getResolvedAt());
        o.put("classifiedAt", n.getClassifiedAt().toString());
        putIfPresent(o, "receivedAt", n.getReceivedAt());
        return o;
    }

    private static void putIfPresent(ObjectNode o, String key, Object value) {
        if (value instanceof Instant t) {
            o.put(key, t.toString());
        } else if (value != null) {
            o.put(key, value.toString());
        }
    }
}
