package org.anshin.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.anshin.schemas.Topics;

/**
 * The ceiling for ingest: one raw Kafka producer (acks=all, idempotent, otherwise client defaults) sending records
 * of the same size as the ingest phase's reports, keyed like them, to a topic partitioned like
 * {@code incidents.reports}, as fast as it can. Counts acknowledged records.
 */
final class ProducerCeiling {
    private ProducerCeiling() {
    }

    static double recordsPerSecond(String bootstrap, int recordBytes, Duration duration) throws Exception {
        String topic = "bench.producer-ceiling";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(java.util.List.of(new NewTopic(topic, Topics.REPORT_PARTITIONS, (short) 1)))
                    .all().get(60, TimeUnit.SECONDS);
        }
        byte[] value = new byte[recordBytes];
        ThreadLocalRandom.current().nextBytes(value);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            // one acknowledged record per partition before the clock starts: a new topic's partitions may still
            // be getting their leader (a run measured 303 /s, its first requests refused NOT_LEADER_OR_FOLLOWER)
            for (var partition : producer.partitionsFor(topic)) {
                producer.send(new ProducerRecord<>(topic, partition.partition(), "warm-up", value))
                        .get(60, TimeUnit.SECONDS);
            }
            start = System.nanoTime();
            long deadline = start + duration.toNanos();
            long i = 0;
            while (System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(topic, "ingest-" + (i++ % 1000), value), (md, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                });
            }
            producer.flush();
            end = System.nanoTime();
        }
        if (failed.get() > 0) {
            // a baseline, not a guarantee under test: a few records timing out at full speed (seen: 13 of ~2 million)
            // must not abort the whole run; only acknowledged records count, and the failures are said
            System.out.printf("  (ceiling: %d records failed and are not counted; first: %s)%n", failed.get(),
                    firstError.get());
        }
        return acked.get() / ((end - start) / 1e9);
    }
}
