package org.anshin.tools;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads notices from the notice topics as an observer: no consumer group, read_committed (only what
 * routing committed under exactly-once; set last, so client properties cannot turn it off), from a point in
 * time up to the current end or a deadline.
 *
 * <p>A record it cannot decode (not the Confluent wire format, a schema id the registry does not know, bytes
 * that do not fit the writer's schema) is never dropped silently: it reaches the sink as a {@link TopicNotice}
 * without a notice and with the reason, is counted ({@link #undecodable()}, per topic in
 * {@link #undecodableByTopic()}), and the first {@value #WARN_LIMIT} are warned about one by one with topic,
 * partition and offset. A registry that does not answer is not a bad record: that error stops the read.
 */
public final class NoticeReader implements AutoCloseable {
    /** How many undecodable records are warned about one by one; the rest are only counted. */
    static final int WARN_LIMIT = 10;
    /** The consumers' isolation level: only records of committed transactions. */
    static final String ISOLATION_LEVEL = "read_committed";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConfluentAvroSerde<IncidentNotice> serde;
    private final PrintStream warnings;
    private final Map<String, Integer> undecodable = new TreeMap<>();

    public NoticeReader(Map<String, Object> clientProps, String registryUrl) {
        this(clientProps, registryUrl, System.err);
    }

    /** @param warnings where the warnings about undecodable records go */
    public NoticeReader(Map<String, Object> clientProps, String registryUrl, PrintStream warnings) {
        this.warnings = warnings;
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, ISOLATION_LEVEL);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(p);
        this.serde = ConfluentAvroSerde.forValue(IncidentNotice.class, new RestSchemaRegistryClient(registryUrl), false);
    }

    /** Assigns every partition of the topics that exist, starting at {@code from} (or the beginning). */
    public List<TopicPartition> assign(List<String> topics, Instant from) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        if (from == null) {
            consumer.seekToBeginning(partitions);
        } else {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            partitions.forEach(tp -> {
                OffsetAndTimestamp o = offsets.get(tp);
                consumer.seek(tp, o == null ? ends.get(tp) : o.offset());
            });
        }
        return partitions;
    }

    /**
     * Polls once and hands every record to {@code sink}; an undecodable one is counted, warned about and handed on
     * without a notice rather than stopping the read. Tombstones (no value) are not notices and are skipped.
     */
    public int poll(Duration timeout, Consumer<TopicNotice> sink) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            if (r.value() == null) {
                continue;
            }
            TopicNotice read;
            try {
                read = new TopicNotice(r.topic(), serde.deserialize(r.value()), null);
            } catch (SerializationException e) {
                read = new TopicNotice(r.topic(), null, e.getMessage());
                int count = undecodable.merge(r.topic(), 1, Integer::sum);
                int total = undecodable();
                if (total <= WARN_LIMIT) {
                    warnings.printf("warning: cannot decode the record at %s-%d offset %d, not counted: %s%n",
                            r.topic(), r.partition(), r.offset(), e.getMessage());
                } else if (total == WARN_LIMIT + 1) {
                    warnings.printf("warning: more undecodable records (now %d in %s); counting them without"
                            + " a warning each%n", count, r.topic());
                }
            }
            sink.accept(read);
            n++;
        }
        return n;
    }

    /** How many records could not be decoded so far. */
    public int undecodable() {
        return undecodable.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** topic -> records of it that could not be decoded so far. */
    public Map<String, Integer> undecodableByTopic() {
        return Map.copyOf(undecodable);
    }

    /** Reads everything up to the end offsets as they are now. */
    public void readToEnd(List<TopicPartition> partitions, Consumer<TopicNotice> sink) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            poll(Duration.ofMillis(500), sink);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /**
     * A notice and the topic it was read from; for a record that could not be decoded {@code notice} is null and
     * {@code error} says why.
     */
    public record TopicNotice(String topic, IncidentNotice notice, String error) {
        public boolean undecodable() {
            return notice == null;
        }
    }
}
