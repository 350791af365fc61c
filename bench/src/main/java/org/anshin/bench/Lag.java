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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Consumer-group lag (last stable offset minus committed offset, summed over every partition of the group's input
 * topics; a partition with no commit counts from 0), so that one phase's backlog does not slow the next one.
 */
final class Lag {
    /** A consumer group and the topics it reads. */
    record Group(String id, List<String> topics) {
    }

    private final Admin admin;

    Lag(Admin admin) {
        this.admin = admin;
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
            lag.put(e.getKey(), Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset())));
        }
        return lag;
    }

    /**
     * Waits until every group has caught up; returns false (after saying so) when {@code timeout} passes first.
     * Caught up: every partition's lag is 0, or at most 1 and unchanged for 2 s. The 1 is a transaction marker:
     * notice topics are written with exactly-once transactions, and a consumer that commits "last processed + 1"
     * (as the notifier does) stays one offset behind the commit marker at the end of the partition for good.
     */
    boolean awaitDrained(List<Group> groups, Duration timeout, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<TopicPartition, Long> previous = Map.of();
        long stableSince = System.nanoTime();
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
            if (!now.equals(previous)) {
                stableSince = System.nanoTime();
                previous = now;
            }
            boolean zero = now.values().stream().allMatch(l -> l == 0);
            boolean markersOnly = now.values().stream().allMatch(l -> l <= 1)
                    && System.nanoTime() - stableSince >= TimeUnit.SECONDS.toNanos(2);
            if (known && (zero || markersOnly)) {
                out.printf("  backlog drained in %.1f s%n", (System.nanoTime() - started) / 1e9);
                return true;
            }
            Thread.sleep(250); // a remote condition; nothing to be notified by
        }
        long total = now.values().stream().mapToLong(Long::longValue).sum();
        out.println("  WARNING: backlog not drained within " + timeout.toSeconds() + " s, lag " + total);
        return false;
    }
}
