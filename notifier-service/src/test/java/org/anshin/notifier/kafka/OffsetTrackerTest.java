package org.anshin.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @Property(tries = 1000)
    void commitsOnlyUpToTheFirstUnsettledOffset(@ForAll @IntRange(min = 1, max = 60) int count,
                                                @ForAll long seed) {
        OffsetTracker<String> tracker = new OffsetTracker<>();
        long base = 100;
        for (int i = 0; i < count; i++) {
            tracker.add(TP, base + i, "r" + i);
        }
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(base + i);
        }
        Collections.shuffle(order, new Random(seed));
        TreeSet<Long> unsettled = new TreeSet<>(order);
        for (long offset : order) {
            tracker.complete(TP, offset);
            unsettled.remove(offset);
            long expected = unsettled.isEmpty() ? base + count : unsettled.first();
            var committable = tracker.committable(List.of(TP));
            if (!committable.isEmpty()) {
                assertThat(committable.get(TP).offset()).isEqualTo(expected);
                tracker.committed(committable);
            }
            assertThat(tracker.inFlight()).isEqualTo(unsettled.size());
        }
        assertThat(tracker.committable(List.of(TP))).isEmpty();
    }

    @Test
    void removedPartitionsHandBackTheirUnsettledItemsAndIgnoreLateCompletions() {
        OffsetTracker<String> tracker = new OffsetTracker<>();
        tracker.add(TP, 5, "a");
        tracker.add(TP, 6, "b");
        tracker.complete(TP, 5);
        assertThat(tracker.remove(List.of(TP))).containsExactly("b");
        tracker.complete(TP, 6);
        assertThat(tracker.inFlight()).isZero();
        assertThat(tracker.committable(List.of(TP))).isEmpty();
    }

    @Test
    void nullItemsCountAsInFlightToo() throws Exception {
        OffsetTracker<String> tracker = new OffsetTracker<>();
        tracker.add(TP, 1, null);
        assertThat(tracker.awaitDrained(List.of(TP), java.time.Duration.ofMillis(10))).isFalse();
        tracker.complete(TP, 1);
        assertThat(tracker.awaitDrained(List.of(TP), java.time.Duration.ofMillis(10))).isTrue();
        assertThat(tracker.committable(List.of(TP)).get(TP).offset()).isEqualTo(2);
    }
}
