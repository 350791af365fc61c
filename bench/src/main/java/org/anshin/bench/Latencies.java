package org.anshin.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latency recorder in microseconds (1 us to 10 min, 3 significant digits), safe across threads. */
public final class Latencies {
    private final Histogram histogram = new ConcurrentHistogram(1, 600_000_000L, 3);

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos / 1_000, 600_000_000L)));
    }

    public void recordMillis(double millis) {
        recordNanos((long) (millis * 1_000_000));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public double p50Ms() {
        return histogram.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Ms() {
        return histogram.getValueAtPercentile(99) / 1000.0;
    }

    public double maxMs() {
        return histogram.getMaxValue() / 1000.0;
    }
}
