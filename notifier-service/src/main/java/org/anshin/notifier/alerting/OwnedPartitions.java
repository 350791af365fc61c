package org.anshin.notifier.alerting;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.anshin.notifier.kafka.PartitionOwnership;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Which incidents this instance answers for: those whose notices land in a notice partition it owns. Notices are
 * keyed by incidentKey and routing writes them with the default partitioner (murmur2 of the key's UTF-8 bytes), so
 * the incident's partition follows from its key and the topic's partition count; the consumer group decides who
 * owns it, and a rebalance moves the keeping of its alert with it.
 */
public final class OwnedPartitions implements PartitionOwnership {
    private record Snapshot(Set<TopicPartition> owned, Map<String, Integer> counts) {
    }

    private volatile Snapshot snapshot = new Snapshot(Set.of(), Map.of());

    @Override
    public void owned(Set<TopicPartition> owned, Map<String, Integer> partitionCounts) {
        snapshot = new Snapshot(Set.copyOf(owned), Map.copyOf(partitionCounts));
    }

    /** Whether the incident's notices on {@code topic} are read by this instance now. */
    public boolean owns(String topic, String incidentKey) {
        Snapshot s = snapshot;
        Integer count = s.counts().get(topic);
        return count != null && s.owned().contains(new TopicPartition(topic, partitionOf(incidentKey, count)));
    }

    /** The partition the producer's default partitioner picks for this key. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
