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

    long of(Group group) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var d : admin.describeTopics(group.topics()).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.id())
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(30, TimeUnit.SECONDS);
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    /** Waits until every group's lag is 0; returns false (after saying so) when {@code timeout} passes first. */
    boolean awaitDrained(List<Group> groups, Duration timeout, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<String, Long> last = new HashMap<>();
        while (System.nanoTime() < deadline) {
            boolean drained = true;
            for (Group g : groups) {
                long lag;
                try {
                    lag = of(g);
                } catch (ExecutionException | TimeoutException e) {
                    lag = -1; // group still forming or coordinator moving: ask again
                }
                last.put(g.id(), lag);
                drained &= lag == 0;
            }
            if (drained) {
                out.printf("  drained %s in %.1f s%n", last.keySet(), (System.nanoTime() - started) / 1e9);
                return true;
            }
            Thread.sleep(250); // a remote condition; nothing to be notified by
        }
        out.println("  WARNING: backlog not drained within " + timeout.toSeconds() + " s, lag " + last);
        return false;
    }
}
