package org.anshin.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Records on the dead-letter topics of routing and the notifier (real and drill). The bench's stack starts empty,
 * so this is what the run dead-lettered: a report, receipt or notice that went there is one the pipeline did not
 * handle, however fast it was.
 */
final class DeadLetterCount {
    static final List<String> TOPICS = List.of(Topics.DEAD_LETTER, Topics.exercise(Topics.DEAD_LETTER),
            Topics.NOTIFIER_DEAD_LETTER, Topics.exercise(Topics.NOTIFIER_DEAD_LETTER));

    private DeadLetterCount() {
    }

    /**
     * Offsets written per dead-letter topic, summed over its partitions (nothing is compacted or deleted there).
     * 0 means nothing was dead-lettered; above 0 it counts the transaction markers of routing's exactly-once
     * writes as well as the records.
     */
    static Map<String, Long> byTopic(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> ends = EndOffsets.of(admin, TOPICS);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String topic : TOPICS) {
            counts.put(topic, ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(Map.Entry::getValue).sum());
        }
        return counts;
    }
}
