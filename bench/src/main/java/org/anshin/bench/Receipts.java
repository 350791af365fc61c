package org.anshin.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code notifications.deliveries} from the start to its current end: the notifier's own audit of deliveries. */
final class Receipts {
    /** DELIVERED receipts per {@code noticeId|channel}, and how many receipts were read. */
    record Delivered(Map<String, Integer> perNoticeAndChannel, long receiptsRead) {
        long distinct() {
            return perNoticeAndChannel.size();
        }

        long duplicates() {
            return perNoticeAndChannel.values().stream().mapToLong(n -> n - 1).sum();
        }
    }

    private Receipts() {
    }

    static Delivered delivered(String bootstrap, String registryUrl, Predicate<DeliveryReceipt> which) {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        var serde = ConfluentAvroSerde.forValue(DeliveryReceipt.class, new RestSchemaRegistryClient(registryUrl), false);
        Map<String, Integer> delivered = new HashMap<>();
        long read = 0;
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), serde.deserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.DELIVERIES).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    DeliveryReceipt d = r.value();
                    if (d.getOutcome() == DeliveryOutcome.DELIVERED && which.test(d)) {
                        delivered.merge(d.getNoticeId() + "|" + d.getChannel(), 1, Integer::sum);
                    }
                }
            }
        }
        return new Delivered(delivered, read);
    }
}
