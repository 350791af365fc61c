package org.anshin.notifier.delivery;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * A channel's {@code ratePerSecond}, shared by every delivery lane: a Bucket4j (local, lock-free) bucket of
 * {@code ratePerSecond} tokens a second, bursts up to {@code max(1, ratePerSecond)}. A lane that gets no token is
 * told how long to wait and reschedules itself: this never blocks or sleeps a lane thread.
 *
 * <p>Bucket4j counts whole tokens; a channel's rate and burst may be fractional ({@code ratePerSecond: 2.5} bursts
 * 2.5), so the bucket holds thousandths of a message and a message takes {@value #UNIT} of them.
 */
public final class ChannelRate {
    static final long UNIT = 1000;
    private final Bucket bucket;

    public ChannelRate(double ratePerSecond) {
        this(ratePerSecond, TimeMeter.SYSTEM_NANOTIME);
    }

    ChannelRate(double ratePerSecond, TimeMeter time) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be > 0");
        }
        double burst = Math.max(1, ratePerSecond);
        long capacity = Math.round(burst * UNIT);
        // the whole burst is refilled in burst / rate seconds: 1 s from a rate of 1 up, 1 / rate below it
        long periodNanos = Math.max(1, Math.round(burst / ratePerSecond * 1e9));
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, Duration.ofNanos(periodNanos)))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Takes a message's tokens and returns 0, or takes nothing and returns the nanoseconds until they are there. */
    public long tryAcquire() {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(UNIT);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }
}
