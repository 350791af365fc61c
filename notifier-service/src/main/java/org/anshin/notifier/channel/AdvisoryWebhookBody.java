package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The webhook body of an advisory: its fields ({@link AdvisoryJson}), the channel and the idempotency key. */
public final class AdvisoryWebhookBody {
    private AdvisoryWebhookBody() {
    }

    public static ObjectNode render(ObjectMapper json, Outbound m) {
        ObjectNode body = AdvisoryJson.of(json, m.advisory());
        body.put("channel", m.channel().id());
        body.put("idempotencyKey", m.idempotencyKey());
        return body;
    }
}
