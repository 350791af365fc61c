package org.anshin.ingest.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.anshin.common.config.Operator;

/** One token bucket per operator, sized by the operator's {@code rateLimit} in operators.yaml. */
public final class RateLimiter {
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public RateLimiter() {
        this(System::nanoTime);
    }

    public RateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Zero when the request may go on, else the wait before the next one would be allowed. */
    public Duration acquire(Operator operator) {
        return acquire(operator.id(), operator.ratePerSecond(), operator.burst());
    }

    /** Any other caller's bucket, by a key that cannot be an operator id (e.g. {@code secretariat:<id>}). */
    public Duration acquire(String key, double ratePerSecond, int burst) {
        long now = nanoClock.getAsLong();
        return buckets.computeIfAbsent(key, id -> new TokenBucket(ratePerSecond, burst, now)).tryTake(now);
    }

    /** Whole seconds for a {@code Retry-After} header: rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long s = (wait.toMillis() + 999) / 1000;
        return Math.max(1, s);
    }
}
