package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.anshin.schemas.AdvisoryNotice;

/**
 * A CRITICAL advisory as one Alertmanager alert {@code AnshinAdvisory} (drills: {@code AnshinExerciseAdvisory}),
 * posted once with {@code endsAt} = its expiresAt, or 24 h after issue without one: nothing keeps it firing
 * (unlike an open incident's alert), Alertmanager resolves it by itself at that time.
 */
public final class AdvisoryAlertmanagerBody {
    public static final String ALERTNAME = "AnshinAdvisory";
    public static final String EXERCISE_ALERTNAME = "AnshinExerciseAdvisory";
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    private AdvisoryAlertmanagerBody() {
    }

    public static ArrayNode render(ObjectMapper json, Outbound m) {
        AdvisoryNotice n = m.advisory();
        ArrayNode alerts = json.createArrayNode();
        ObjectNode alert = alerts.addObject();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", n.getExercise() ? EXERCISE_ALERTNAME : ALERTNAME);
        labels.put("advisory_id", n.getAdvisoryId());
        labels.put("ceptoar", n.getRecipient());
        labels.put("severity", "critical");
        labels.put("tlp", Texts.tlp(n.getTlp()));
        ObjectNode annotations = alert.putObject("annotations");
        annotations.put("summary", Texts.truncate(AdvisoryJson.headline(n), 1024));
        annotations.put("description", Texts.truncate(n.getBody(), 4000));
        annotations.put("issuer", n.getIssuerId());
        annotations.put("sectors", String.join(",", n.getSectors()));
        alert.put("startsAt", n.getIssuedAt().toString());
        alert.put("endsAt", endsAt(n).toString());
        return alerts;
    }

    static Instant endsAt(AdvisoryNotice n) {
        return n.getExpiresAt() != null ? n.getExpiresAt() : n.getIssuedAt().plus(DEFAULT_LIFETIME);
    }
}
