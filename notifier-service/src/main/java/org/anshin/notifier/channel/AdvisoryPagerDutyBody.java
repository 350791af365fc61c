package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.AdvisoryNotice;

/**
 * A CRITICAL advisory's page (INFO and WARNING never reach pagerduty channels): one {@code trigger} whose
 * dedup_key is the advisoryId, so a re-send or the same advisory through a second CEPTOAR on the same routing key
 * appends to one PagerDuty incident. It is not resolved on expiry: the responder closes it.
 */
public final class AdvisoryPagerDutyBody {
    private AdvisoryPagerDutyBody() {
    }

    public static ObjectNode render(ObjectMapper json, Outbound m) {
        AdvisoryNotice n = m.advisory();
        ObjectNode body = json.createObjectNode();
        body.put("routing_key", m.channel().routingKey().orElseThrow());
        body.put("event_action", "trigger");
        body.put("dedup_key", "advisory/" + n.getAdvisoryId());
        body.put("client", "Anshin");
        ObjectNode payload = body.putObject("payload");
        payload.put("summary", Texts.truncate("Advisory " + AdvisoryJson.headline(n), 1024));
        payload.put("source", "anshin/" + n.getIssuerId());
        payload.put("severity", "critical");
        payload.put("timestamp", n.getIssuedAt().toString());
        payload.put("component", String.join(",", n.getSectors()));
        payload.put("group", n.getRecipient());
        payload.put("class", (n.getExercise() ? "EXERCISE " : "") + "ADVISORY");
        payload.set("custom_details", AdvisoryJson.of(json, n));
        return body;
    }
}
