package org.anshin.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
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

    /** Records per dead-letter topic (every partition's end offset; nothing is ever compacted or deleted there). */
    static Map<String, Long> byTopic(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Long> counts = new LinkedHashMap<>();
        var partitions = admin.describeTopics(TOPICS).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach((topic, d) -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        var offsets = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        for (String topic : TOPICS) {
            counts.put(topic, offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().offset()).sum());
        }
        return counts;
    }
}
