package org.anshin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryProbeTest {
    @Test
    void aLargerWorkingSetIsNoFasterToReadAndEveryFigureIsPositive() {
        double small = MemoryProbe.readLatencyNanos(64 << 10);
        double large = MemoryProbe.readLatencyNanos(64 << 20);
        assertThat(small).isPositive();
        // 64 KiB sits in L1/L2 and 64 MiB in no cache of a machine this runs on: a walk that did not chase the
        // pointers (or a loop the JIT removed) would make the two equal
        assertThat(large).isGreaterThan(small * 1.5);
        assertThat(MemoryProbe.freshPageMicros()).isPositive();
        assertThat(MemoryProbe.describe()).matches("random read 1 MiB [0-9.]+ ns, 16 MiB [0-9.]+ ns, 64 MiB [0-9.]+ ns;"
                + " fresh 4 KiB page [0-9.]+ us");
    }
}
