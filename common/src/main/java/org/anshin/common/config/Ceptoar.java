package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One CEPTOAR: id, display name, the topic routing writes its notices to, and its delivery channels
 * kept as raw YAML nodes (notifier-service owns their meaning and validation), and its escalation tiers.
 */
public record Ceptoar(String id, String name, String topic, List<JsonNode> channels, List<EscalationTier> escalation) {
    public Ceptoar {
        channels = List.copyOf(channels);
        escalation = List.copyOf(escalation);
    }

    public Ceptoar(String id, String name, String topic, List<JsonNode> channels) {
        this(id, name, topic, channels, List.of());
    }

    /** The escalation tier of a channel id: 1 unless a tier of {@link #escalation} names it. */
    public int tierOf(String channelId) {
        for (EscalationTier t : escalation) {
            if (t.channels().contains(channelId)) {
                return t.tier();
            }
        }
        return 1;
    }
}
