package org.anshin.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A running Kafka broker and Confluent-compatible schema registry for tests: injected by
 * {@link AnshinInfraExtension} (in-process KRaft broker + Apicurio child process) or made by
 * {@link AnshinContainers} (Docker). Write abstract test suites against this interface to run them on both.
 */
public interface Infra {

    /** {@code host:port} of the broker. */
    String bootstrapServers();

    /** The registry's Confluent-compatible REST API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    String registryUrl();

    /** A shared Admin client; do not close it. */
    Admin admin();

    /** {@code base} plus a suffix unique in this JVM, a valid topic (and group/subject) name. */
    String uniqueTopic(String base);

    /** Creates the topics and waits until every partition has a leader. */
    void createTopics(NewTopic... topics);

    /** Creates single-partition topics named by {@link #uniqueTopic} of each base; returns their names. */
    default List<String> createUniqueTopics(String... bases) {
        List<String> names = java.util.Arrays.stream(bases).map(this::uniqueTopic).toList();
        createTopics(names.stream().map(n -> new NewTopic(n, 1, (short) 1)).toArray(NewTopic[]::new));
        return names;
    }

    /** Producer settings: bootstrap servers, byte[] serializers, acks=all, idempotence. Mutable copy. */
    Map<String, Object> producerProps();

    /** Consumer settings: bootstrap servers, byte[] deserializers, {@code groupId}, earliest, no auto commit. */
    Map<String, Object> consumerProps(String groupId);

    /**
     * Reads the topic from the beginning (all partitions, read_committed) until {@code done} holds for the records
     * read so far, or fails after {@code timeout}.
     */
    List<ConsumerRecord<byte[], byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                   Duration timeout);

    /** Everything committed on the topic now: read from the beginning to the end offsets of every partition. */
    List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic, Duration timeout);

    /** {@link #readUntil} at least {@code count} records, 30 s at most. */
    default List<ConsumerRecord<byte[], byte[]>> readAtLeast(String topic, int count) {
        return readUntil(topic, records -> records.size() >= count, Duration.ofSeconds(30));
    }
}
