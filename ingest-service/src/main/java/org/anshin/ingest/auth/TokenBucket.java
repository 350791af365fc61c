package org.anshin.ingest.auth;

import java.time.Duration;

/**
 * Classic token bucket: {@code burst} tokens, refilled at {@code ratePerSecond}. Synchronized because one
 * operator's requests arrive on many Jetty threads; the critical section is a few arithmetic operations.
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Zero when a token was taken, else how long until one is available. */
    synchronized Duration tryTake(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / ratePerNano));
    }
}
