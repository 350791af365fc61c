package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One CEPTOAR: id, display name, the topic routing writes its notices to, and its delivery channels
 * kept as raw YAML nodes (notifier-service owns their meaning and validation).
 */
public record Ceptoar(String id, String name, String topic, List<JsonNode> channels) {
    public Ceptoar {
        channels = List.copyOf(channels);
    }
}
