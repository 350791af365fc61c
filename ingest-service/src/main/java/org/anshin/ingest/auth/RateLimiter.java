package org.anshin.ingest.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.anshin.common.config.Operator;

/**
 * One token bucket per operator, sized by the operator's {@code rateLimit} in operators.yaml: {@code burst}
 * tokens, refilled continuously at {@code ratePerSecond}. The buckets are Bucket4j's local ones (lock-free, safe
 * for one operator's requests arriving on many Jetty threads); this class only keys them and turns a refusal
 * into the wait the API's {@code Retry-After} is made of.
 */
public final class RateLimiter {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    public RateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    /** With a nanosecond clock of the caller's (tests move it by hand). */
    public RateLimiter(LongSupplier nanoClock) {
        this(nanoMeter(nanoClock));
    }

    RateLimiter(TimeMeter time) {
        this.time = time;
    }

    /** Zero when the request may go on, else the wait before the next one would be allowed. */
    public Duration acquire(Operator operator) {
        return acquire(operator.id(), operator.ratePerSecond(), operator.burst());
    }

    /** Any other caller's bucket, by a key that cannot be an operator id (e.g. {@code secretariat:<id>}). */
    public Duration acquire(String key, double ratePerSecond, int burst) {
        return take(buckets.computeIfAbsent(key, k -> bucket(ratePerSecond, burst, time)));
    }

    /** Whole seconds for a {@code Retry-After} header: rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long s = (wait.toMillis() + 999) / 1000;
        return Math.max(1, s);
    }

    /**
     * A full bucket of {@code burst} tokens refilled greedily (continuously, not in steps) at {@code ratePerSecond}.
     * Bucket4j refills whole tokens per period, so the rate is written as {@code burst} tokens per
     * {@code burst / ratePerSecond} (exact in nanoseconds for the rates operators.yaml holds, e.g. 120 an hour).
     */
    static Bucket bucket(double ratePerSecond, int burst, TimeMeter time) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("need ratePerSecond > 0 and burst >= 1");
        }
        long periodNanos = Math.max(1, Math.round(burst * 1e9 / ratePerSecond));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, Duration.ofNanos(periodNanos)))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Takes a token and returns zero, or takes nothing and returns how long until one is there. */
    static Duration take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    static TimeMeter nanoMeter(LongSupplier nanoClock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoClock.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }
}
