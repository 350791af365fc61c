package org.anshin.notifier.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, the lowest offset whose notice is not yet settled on
 * every channel (or the next offset when all are). Records settle out of order (one incident's retry
 * does not wait for another's), so the committed offset only moves past a contiguous settled prefix.
 * Thread-safe: the poll loop adds, delivery threads complete.
 */
public final class OffsetTracker<T> {
    private final Map<TopicPartition, TreeMap<Long, T>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private int inFlight;

    public synchronized void add(TopicPartition tp, long offset, T item) {
        pending.computeIfAbsent(tp, k -> new TreeMap<>()).put(offset, item);
        next.merge(tp, offset + 1, Math::max);
        inFlight++;
    }

    /** Marks a record settled; unknown ones (of a revoked partition) are ignored. */
    public synchronized void complete(TopicPartition tp, long offset) {
        TreeMap<Long, T> p = pending.get(tp);
        if (p != null && p.containsKey(offset)) {
            p.remove(offset);
            inFlight--;
            notifyAll();
        }
    }

    /** Waits until the partitions have nothing unsettled; false if the timeout came first. */
    public synchronized boolean awaitDrained(Collection<TopicPartition> partitions, java.time.Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight(partitions) > 0) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return false;
            }
            wait(leftMs);
        }
        return true;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized int inFlight(Collection<TopicPartition> partitions) {
        return partitions.stream().mapToInt(tp -> pending.getOrDefault(tp, new TreeMap<>()).size()).sum();
    }

    /** Offsets to commit that moved since the last call (for the given partitions only). */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long nextOffset = next.get(tp);
            if (nextOffset == null) {
                continue;
            }
            TreeMap<Long, T> p = pending.get(tp);
            long safe = p == null || p.isEmpty() ? nextOffset : p.firstKey();
            if (!Long.valueOf(safe).equals(committed.get(tp))) {
                out.put(tp, new OffsetAndMetadata(safe));
            }
        }
        return out;
    }

    public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        return committable(new ArrayList<>(next.keySet()));
    }

    /** Remembers what the broker accepted, so unchanged offsets are not committed again. */
    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            if (next.containsKey(tp)) {
                committed.put(tp, o.offset());
            }
        });
    }

    /** Forgets the partitions and returns their unsettled items, for the caller to abandon. */
    public synchronized List<T> remove(Collection<TopicPartition> partitions) {
        List<T> dropped = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            TreeMap<Long, T> p = pending.remove(tp);
            if (p != null) {
                dropped.addAll(p.values());
                inFlight -= p.size();
            }
            next.remove(tp);
            committed.remove(tp);
        }
        return dropped;
    }
}
