package org.anshin.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * routing committed under exactly-once), from a point in time up to the current end or a deadline.
 */
public final class NoticeReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConfluentAvroSerde<IncidentNotice> serde;

    public NoticeReader(Map<String, Object> clientProps, String registryUrl) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
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

    /** Polls once; unreadable records are counted as {@code null} notices rather than stopping the read. */
    public int poll(Duration timeout, Consumer<TopicNotice> sink) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            IncidentNotice notice;
            try {
                notice = serde.deserialize(r.value());
            } catch (SerializationException e) {
                notice = null;
            }
            sink.accept(new TopicNotice(r.topic(), notice));
            n++;
        }
        return n;
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

    /** A notice and the topic it was read from; {@code notice} is null for an unreadable record. */
    public record TopicNotice(String topic, IncidentNotice notice) {
    }
}
