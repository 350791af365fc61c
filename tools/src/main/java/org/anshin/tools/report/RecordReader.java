package org.anshin.tools.report;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a compacted record topic (incidents or advisories) as it is now: every partition from the beginning to
 * its end offset (read_committed, so the last stable offset: only what routing committed), the last value per
 * key, a tombstone removing the key. No consumer group, nothing committed, no topic created by asking for it.
 *
 * <p>A record it cannot decode (not the Confluent wire format, a schema id the registry does not know, bytes that
 * do not fit the writer's schema, no key) is never dropped silently: it is counted, the first {@value #WARN_LIMIT}
 * are warned about with topic, partition and offset, and when it is a key's last value the incident is counted
 * as unreadable (an older value of it is not used: it would report a state the incident has left). A registry
 * that does not answer is not a bad record: that error stops the read.
 */
public final class RecordReader implements AutoCloseable {
    static final int WARN_LIMIT = 10;
    static final String ISOLATION_LEVEL = "read_committed";
    /** How long a read may go without the position moving before it gives up (the broker is gone, most likely). */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConfluentAvroSerde<IncidentRecord> serde;
    private final ConfluentAvroSerde<AdvisoryRecord> advisorySerde;
    private final PrintStream warnings;
    private int warned;

    /** @param warnings where the warnings about undecodable records go */
    public RecordReader(Map<String, Object> clientProps, String registryUrl, PrintStream warnings) {
        this.warnings = warnings;
        Properties p = new Properties();
        p.putAll(clientProps);
        // set last, so client properties cannot turn them off
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, ISOLATION_LEVEL);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(p);
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(registryUrl);
        this.serde = ConfluentAvroSerde.forValue(IncidentRecord.class, registry, false);
        this.advisorySerde = ConfluentAvroSerde.forValue(AdvisoryRecord.class, registry, false);
    }

    /**
     * What a topic holds now.
     *
     * @param values             the live records: the last value of every key that has one
     * @param records            records read (values, tombstones and undecodable ones)
     * @param undecodable        records that could not be decoded
     * @param unreadableKeys     keys whose last value could not be decoded: incidents (advisories) in none of the
     *                           figures
     */
    public record TopicContent<T>(String topic, boolean exists, List<T> values, long records,
                                  long tombstones, int undecodable, int unreadableKeys) {
        public TopicContent {
            values = List.copyOf(values);
        }
    }

    /** An incident-record topic: incidents.record or its exercise twin, keyed by incidentKey. */
    public TopicContent<IncidentRecord> read(String topic) {
        return read(topic, serde, "incidentKey");
    }

    /** An advisory-record topic: advisories.record or its exercise twin, keyed by advisoryId. */
    public TopicContent<AdvisoryRecord> readAdvisories(String topic) {
        return read(topic, advisorySerde, "advisoryId");
    }

    private <T extends SpecificRecord> TopicContent<T> read(String topic, ConfluentAvroSerde<T> valueSerde, String keyName) {
        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(30)).get(topic);
        if (infos == null || infos.isEmpty()) {
            return new TopicContent<>(topic, false, List.of(), 0, 0, 0, 0);
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));

        // Optional.empty(): the key's last value could not be decoded
        Map<ByteBuffer, Optional<T>> latest = new HashMap<>();
        long records = 0;
        long tombstones = 0;
        int undecodable = 0;
        long lastProgress = System.nanoTime();
        long lastPosition = -1;
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                    continue; // written after we looked at the end: the next review's
                }
                records++;
                if (r.key() == null) {
                    undecodable++;
                    warn(r, "no key (the record is keyed by " + keyName + ")");
                    continue;
                }
                ByteBuffer key = ByteBuffer.wrap(r.key());
                if (r.value() == null) {
                    tombstones++;
                    latest.remove(key);
                    continue;
                }
                try {
                    latest.put(key, Optional.of(valueSerde.deserialize(r.value())));
                } catch (SerializationException e) {
                    undecodable++;
                    latest.put(key, Optional.empty());
                    warn(r, e.getMessage());
                }
            }
            // progress is the position, not records: aborted transactions and markers move it without a record
            long position = partitions.stream().mapToLong(consumer::position).sum();
            if (position > lastPosition) {
                lastPosition = position;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                throw new IllegalStateException("reading " + topic + ": no record for " + STALL_TIMEOUT.toSeconds()
                        + " s before its end offsets " + ends + " (is the broker up?)");
            }
        }
        if (warned > WARN_LIMIT) {
            warnings.printf("warning: %d more undecodable records in %s were counted without a warning each%n",
                    warned - WARN_LIMIT, topic);
        }
        warned = 0;
        List<T> live = new ArrayList<>();
        int unreadable = 0;
        for (Optional<T> v : latest.values()) {
            if (v.isPresent()) {
                live.add(v.get());
            } else {
                unreadable++;
            }
        }
        return new TopicContent<>(topic, true, live, records, tombstones, undecodable, unreadable);
    }

    private void warn(ConsumerRecord<byte[], byte[]> r, String why) {
        if (++warned <= WARN_LIMIT) {
            warnings.printf("warning: cannot decode the record at %s-%d offset %d, not counted: %s%n",
                    r.topic(), r.partition(), r.offset(), why);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
