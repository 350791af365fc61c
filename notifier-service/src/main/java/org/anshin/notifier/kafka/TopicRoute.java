package org.anshin.notifier.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anshin.common.config.Ceptoar;
import org.anshin.common.config.Ceptoars;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.schemas.Topics;

/** A topic the notifier reads, with the channels its notices may go to and whether it carries drills. */
public record TopicRoute(String topic, String ceptoarId, List<ChannelSpec> channels, boolean exercise) {

    /**
     * Each CEPTOAR's topic; its {@code exercise.} twin only when one of its channels takes drills, and
     * then with only those channels.
     */
    public static Map<String, TopicRoute> of(Ceptoars ceptoars, Map<String, List<ChannelSpec>> channels) {
        Map<String, TopicRoute> routes = new LinkedHashMap<>();
        for (Ceptoar c : ceptoars.byId().values()) {
            List<ChannelSpec> specs = channels.getOrDefault(c.id(), List.of());
            if (specs.isEmpty()) {
                continue;
            }
            routes.put(c.topic(), new TopicRoute(c.topic(), c.id(), specs, false));
            List<ChannelSpec> drill = specs.stream().filter(ChannelSpec::exercise).toList();
            if (!drill.isEmpty()) {
                String t = Topics.exercise(c.topic());
                routes.put(t, new TopicRoute(t, c.id(), drill, true));
            }
        }
        return routes;
    }
}
