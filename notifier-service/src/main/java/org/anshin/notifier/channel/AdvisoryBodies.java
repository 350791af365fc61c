package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.BiFunction;

/** Picks an HTTP channel's body by what the message carries: the notice body, or its type's advisory body. */
final class AdvisoryBodies {
    private AdvisoryBodies() {
    }

    static BiFunction<ObjectMapper, Outbound, JsonNode> or(ChannelType type,
                                                          BiFunction<ObjectMapper, Outbound, ? extends JsonNode> notice) {
        BiFunction<ObjectMapper, Outbound, JsonNode> advisory = switch (type) {
            case WEBHOOK -> AdvisoryWebhookBody::render;
            case SLACK -> AdvisorySlackBody::render;
            case PAGERDUTY -> AdvisoryPagerDutyBody::render;
            case ALERTMANAGER -> AdvisoryAlertmanagerBody::render;
            case EMAIL -> throw new IllegalArgumentException("email is not an HTTP channel");
        };
        return (json, m) -> m.isAdvisory() ? advisory.apply(json, m) : notice.apply(json, m);
    }
}
