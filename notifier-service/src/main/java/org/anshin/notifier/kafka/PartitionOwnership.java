package org.anshin.notifier.kafka;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Told which notice partitions this instance owns, each time that changes: after an assignment has caught up with
 * the state topics, and at once when partitions are revoked or lost. Called on the poll thread; must not block.
 */
@FunctionalInterface
public interface PartitionOwnership {
    PartitionOwnership NONE = (owned, counts) -> { };

    /**
     * @param owned           the partitions this instance reads now
     * @param partitionCounts the partition count of every notice topic it subscribes to
     */
    void owned(Set<TopicPartition> owned, Map<String, Integer> partitionCounts);
}
