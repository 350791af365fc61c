package org.anshin.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer-group lag (last stable offset minus committed offset, over every partition of every topic the group
 * reads; a partition with no commit counts from 0), so that one phase's backlog does not slow the next one.
 */
final class Lag {
    /** A consumer group and the topics it reads. */
    record Group(String id, List<String> topics) {
    }

    private final Map<TopicPartition, long[]> markerOnly = new HashMap<>();
    private final Admin admin;
    private final String bootstrap;

    Lag(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    /**
     * Lag per partition of every topic the group reads: the ones named, those its members are assigned and those it
     * has committed offsets on. Routing reads more than reports (the notifier's receipts, its record entries, its
     * repartition topics), and the notifier more than the CEPTOARs' topics: named topics alone said "lag 0" while
     * routing still had tens of thousands of receipts to fold into records, which the next phase then waited for.
     */
    Map<TopicPartition, Long> of(Group group) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.id())
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Set<String> topics = new TreeSet<>(group.topics());
        committed.keySet().forEach(tp -> topics.add(tp.topic()));
        admin.describeConsumerGroups(List.of(group.id())).describedGroups().get(group.id())
                .get(30, TimeUnit.SECONDS).members()
                .forEach(m -> m.assignment().topicPartitions().forEach(tp -> topics.add(tp.topic())));
        Map<TopicPartition, Long> lag = new HashMap<>();
        Map<TopicPartition, long[]> gaps = new HashMap<>();
        for (var e : EndOffsets.of(admin, topics).entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long end = e.getValue();
            long behind = Math.max(0, end - (c == null ? 0 : c.offset()));
            lag.put(e.getKey(), behind);
            if (behind > 0 && behind <= 10 && c != null) {
                long[] gap = {c.offset(), end};
                if (markerOnly.containsKey(e.getKey()) && java.util.Arrays.equals(markerOnly.get(e.getKey()), gap)) {
                    lag.put(e.getKey(), 0L); // this very gap was read before: markers only
                } else {
                    gaps.put(e.getKey(), gap);
                }
            }
        }
        if (!gaps.isEmpty()) {
            Set<TopicPartition> withRecords = partitionsWithRecords(gaps);
            gaps.forEach((tp, gap) -> {
                if (!withRecords.contains(tp)) {
                    lag.put(tp, 0L); // only transaction markers (or aborted records) left: nothing for the group
                    markerOnly.put(tp, gap);
                }
            });
        }
        return lag;
    }

    /**
     * Notice topics are written in exactly-once transactions: a consumer that commits "last processed + 1" (as the
     * notifier does) stays behind the commit markers at the end of a partition for good. One read_committed read of
     * every small gap at once tells markers from records (a consumer per partition made each check take seconds).
     */
    private Set<TopicPartition> partitionsWithRecords(Map<TopicPartition, long[]> gaps) {
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class);
        Set<TopicPartition> withRecords = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.assign(gaps.keySet());
            gaps.forEach((tp, gap) -> c.seek(tp, gap[0]));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && gaps.entrySet().stream()
                    .anyMatch(e -> !withRecords.contains(e.getKey()) && c.position(e.getKey()) < e.getValue()[1])) {
                for (var r : c.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < gaps.get(tp)[1]) {
                        withRecords.add(tp);
                    }
                }
            }
            gaps.forEach((tp, gap) -> {
                if (c.position(tp) < gap[1]) {
                    withRecords.add(tp); // not read to the end in time: count it as behind
                }
            });
        }
        return withRecords;
    }

    /**
     * Waits until every group has caught up; returns the seconds from the call to the start of the check that found
     * no lag (checks follow each other every 250 ms at most), or -1 (after saying so) when {@code timeout} passes
     * first.
     */
    double awaitDrained(List<Group> groups, Duration timeout, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<TopicPartition, Long> now = new HashMap<>();
        while (System.nanoTime() < deadline) {
            long checkStarted = System.nanoTime();
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
                double seconds = (checkStarted - started) / 1e9;
                out.printf("  lag 0 (routing and notifier) %.1f s after the load stopped%n", seconds);
                return seconds;
            }
            long left = TimeUnit.MILLISECONDS.toNanos(250) - (System.nanoTime() - checkStarted);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, left)); // a remote condition; nothing to be notified by
        }
        Map<TopicPartition, Long> behind = new HashMap<>(now);
        behind.values().removeIf(l -> l == 0);
        out.println("  WARNING: backlog not drained within " + timeout.toSeconds() + " s, lag " + behind);
        return -1;
    }
}
