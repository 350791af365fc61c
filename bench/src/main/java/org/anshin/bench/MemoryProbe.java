package org.anshin.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * How fast this machine's memory is, printed beside the figures. Two machines with the same nproc and CPU name ran
 * the same code ten times apart (JIT compilation, the broker, routing: BENCHMARKS.md, 2026-12-02 12:24-13:37), and
 * the slow one read 16 MiB at random in ~250 ns a load and 64 MiB in ~360 ns, where a server's last-level cache
 * answers in 10-20 ns and its DRAM in ~100 ns: a host short of cache and memory bandwidth. A run's figures compare
 * with another's only where these do.
 */
final class MemoryProbe {
    private static final int PAGE = 4096;

    private MemoryProbe() {
    }

    /** "random read 1 MiB 4.1 ns, 16 MiB 15.2 ns, 64 MiB 98.0 ns; fresh page 0.9 us". */
    static String describe() {
        return String.format("random read 1 MiB %.1f ns, 16 MiB %.1f ns, 64 MiB %.1f ns; fresh 4 KiB page %.1f us",
                readLatencyNanos(1 << 20), readLatencyNanos(16 << 20), readLatencyNanos(64 << 20), freshPageMicros());
    }

    /** Nanoseconds per dependent load walking one random cycle through {@code bytes} of ints (Sattolo's shuffle). */
    static double readLatencyNanos(int bytes) {
        int n = bytes / Integer.BYTES;
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i;
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        int steps = 4_000_000;
        walk(next, steps); // warm-up: the loop compiled, the pages mapped
        long start = System.nanoTime();
        int end = walk(next, steps);
        double nanos = (System.nanoTime() - start) / (double) steps;
        return end < 0 ? -1 : nanos; // end is used, so the walk is not optimised away
    }

    private static int walk(int[] next, int steps) {
        int p = 0;
        for (int i = 0; i < steps; i++) {
            p = next[p];
        }
        return p;
    }

    /** Microseconds per page of a 64 MiB direct buffer, which the JDK zeroes on allocation: each page faulted in. */
    static double freshPageMicros() {
        int bytes = 64 << 20;
        long start = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
        double micros = (System.nanoTime() - start) / 1_000.0 / (bytes / PAGE);
        return buffer.capacity() == bytes ? micros : -1;
    }
}
