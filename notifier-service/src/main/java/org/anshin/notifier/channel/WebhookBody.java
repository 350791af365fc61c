package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;
import org.anshin.schemas.NoticeType;

/** The webhook channel's JSON body. A pure function of the message: unit-tested on its own. */
public final class WebhookBody {
    private WebhookBody() {
    }

    /**
     * webhook: the latest notice as JSON; when a grouping window merged several notices, the earlier
     * ones ride along in {@code groupedNotices} (oldest first).
     */
    public static ObjectNode render(ObjectMapper json, Outbound m) {
        ObjectNode body = NoticeJson.of(json, m.latest());
        body.put("channel", m.channel().id());
        body.put("idempotencyKey", m.idempotencyKey());
        if (m.grouped()) {
            ArrayNode earlier = body.putArray("groupedNotices");
            m.notices().subList(0, m.notices().size() - 1).forEach(n -> earlier.add(NoticeJson.of(json, n)));
        }
        return body;
    }
}
