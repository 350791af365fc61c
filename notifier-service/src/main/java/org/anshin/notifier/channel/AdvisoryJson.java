package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.AdvisoryNotice;

/** An advisory notice as the JSON receivers see it: the Avro field names, times in ISO-8601 UTC, nulls omitted. */
public final class AdvisoryJson {
    private AdvisoryJson() {
    }

    public static ObjectNode of(ObjectMapper json, AdvisoryNotice n) {
        ObjectNode o = json.createObjectNode();
        o.put("kind", "advisory");
        o.put("noticeId", n.getNoticeId());
        o.put("advisoryId", n.getAdvisoryId());
        o.put("recipient", n.getRecipient());
        n.getSectors().forEach(o.putArray("sectors")::add);
        o.put("secretariatOnly", n.getSecretariatOnly());
        o.put("issuerId", n.getIssuerId());
        o.put("issuerRole", n.getIssuerRole());
        o.put("title", n.getTitle());
        o.put("body", n.getBody());
        o.put("severity", n.getSeverity().name());
        o.put("tlp", Texts.tlp(n.getTlp()));
        n.getReferences().forEach(o.putArray("references")::add);
        n.getRelatedIncidentIds().forEach(o.putArray("relatedIncidentIds")::add);
        o.put("exercise", n.getExercise());
        o.put("issuedAt", n.getIssuedAt().toString());
        if (n.getExpiresAt() != null) {
            o.put("expiresAt", n.getExpiresAt().toString());
        }
        return o;
    }

    /** {@code [EXERCISE] [WARNING] title}: the one-line headline of every rendering. */
    static String headline(AdvisoryNotice n) {
        return (n.getExercise() ? "[EXERCISE] " : "") + "[" + n.getSeverity() + "] " + n.getTitle();
    }

    /** 重要度 in Japanese: 緊急 (CRITICAL), 警戒 (WARNING), 情報 (INFO). */
    static String severityJa(AdvisoryNotice n) {
        return switch (n.getSeverity()) {
            case CRITICAL -> "緊急";
            case WARNING -> "警戒";
            case INFO -> "情報";
        };
    }
}
