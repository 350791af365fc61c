package org.anshin.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer-group lag (last stable offset minus committed offset, summed over every partition of the group's input
 * topics; a partition with no commit counts from 0), so that one phase's backlog does not slow the next one.
 */
final class Lag {
    /** A consumer group and the topics it reads. */
    record Group(String id, List<String> topics) {
    }

    private final Admin admin;
    private final String bootstrap;

    Lag(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    /** Lag per partition of the group's input topics. */
    Map<TopicPartition, Long> of(Group group) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var d : admin.describeTopics(group.topics()).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.id())
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> lag = new HashMap<>();
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(30, TimeUnit.SECONDS);
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long behind = Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
            if (behind > 0 && behind <= 10 && c != null && noRecordsBetween(e.getKey(), c.offset(), e.getValue().offset())) {
                behind = 0; // only transaction markers (or aborted records) left: nothing for the group to do
            }
            lag.put(e.getKey(), behind);
        }
        return lag;
    }

    /**
     * Notice topics are written in exactly-once transactions: a consumer that commits "last processed + 1" (as the
     * notifier does) stays behind the commit markers at the end of a partition for good. A read_committed read of
     * the gap tells markers from records.
     */
    private boolean noRecordsBetween(TopicPartition tp, long from, long to) {
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.assign(List.of(tp));
            c.seek(tp, from);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (c.position(tp) < to && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < to) {
                        return false;
                    }
                }
            }
            return c.position(tp) >= to;
        }
    }

    /** Waits until every group has caught up; returns false (after saying so) when {@code timeout} passes first. */
    boolean awaitDrained(List<Group> groups, Duration timeout, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<TopicPartition, Long> now = new HashMap<>();
        while (System.nanoTime() < deadline) {
            now = new HashMap<>();
            boolean known = true;
            for (Group g : groups) {
                try {
                    now.putAll(of(g));
                } catch (ExecutionException | TimeoutException e) {
                    known = false; // group still forming or coordinator moving: ask again
                }
            }
            boolean zero = now.values().stream().allMatch(l -> l == 0);
            if (known && zero) {
                out.printf("  backlog drained in %.1f s%n", (System.nanoTime() - started) / 1e9);
                return true;
            }
            Thread.sleep(250); // a remote condition; nothing to be notified by
        }
        Map<TopicPartition, Long> behind = new HashMap<>(now);
        behind.values().removeIf(l -> l == 0);
        out.println("  WARNING: backlog not drained within " + timeout.toSeconds() + " s, lag " + behind);
        return false;
    }
}
