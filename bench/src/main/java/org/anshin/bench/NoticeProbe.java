package org.anshin.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A read_committed consumer of {@code nisc.incidents} that notes when each incident's first notice became visible
 * (System.nanoTime of the poll that returned it), so the end-to-end latency can be cut where routing's transaction
 * committed: POST -> visible (ingest, routing, the EOS commit) and visible -> webhook (the notifier). It reads as a
 * subscriber would (assign, no group, from the end), so it adds one fetch session to the broker's work.
 */
final class NoticeProbe implements AutoCloseable {
    private final KafkaConsumer<String, IncidentNotice> consumer;
    private final Map<String, Long> visibleNanos = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    NoticeProbe(String bootstrap, String registryUrl) {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "anshin-bench-probe");
        var serde = ConfluentAvroSerde.forValue(IncidentNotice.class, new RestSchemaRegistryClient(registryUrl), false);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), serde.deserializer());
        List<TopicPartition> parts = consumer.partitionsFor(Topics.NISC).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the end now, before the load starts
        thread = new Thread(this::run, "bench-notice-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (var r : records) {
                    visibleNanos.putIfAbsent("incident/" + r.value().getIncidentId(), now);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** When the first notice of {@code key} ("incident/ID") was read, or null. */
    Long visibleNanos(String key) {
        return visibleNanos.get(key);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
