package org.anshin.schemas;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/** Name, partition count, replication and topic-level configs of one topic, declared in {@link Topics}. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public NewTopic newTopic() {
        return new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor)).configs(configs);
    }

    public TopicSpec withReplicationFactor(short rf) {
        return new TopicSpec(name, partitions, rf, configs);
    }

    public TopicSpec renamed(String newName) {
        return new TopicSpec(newName, partitions, replicationFactor, configs);
    }
}
