package org.anshin.ingest.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per (operator, incidentId, real-or-drill): how many reports one incident may take. It is
 * what makes routing's bounded dedup window safe: routing remembers an incident's last 1,000 reportIds,
 * and at 120 reports an hour (the default) that covers the last 8 hours of resends. A report over the limit
 * gets a 429 before anything is written.
 *
 * <p>Memory is bounded: the least recently used buckets beyond {@code maxIncidents} are forgotten (a
 * forgotten incident starts again with a full burst). The limit is per ingest instance; with N instances
 * an incident may take up to N times the rate, which the dedup window's margin absorbs.
 */
public final class IncidentRateLimiter {
    public static final double DEFAULT_PER_HOUR = 120;
    public static final int DEFAULT_BURST = 20;
    static final int DEFAULT_MAX_INCIDENTS = 100_000;

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets;

    public IncidentRateLimiter(double perHour, int burst) {
        this(perHour, burst, DEFAULT_MAX_INCIDENTS, System::nanoTime);
    }

    IncidentRateLimiter(double perHour, int burst, int maxIncidents, LongSupplier nanoClock) {
        if (perHour <= 0 || burst < 1) {
            throw new IllegalArgumentException("the per-incident limit needs a rate > 0 and a burst >= 1");
        }
        this.perSecond = perHour / 3600;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > maxIncidents;
            }
        };
    }

    /** Zero when the report may go on, else the wait before this incident takes another one. */
    public Duration acquire(String operatorId, String incidentId, boolean exercise) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket;
        synchronized (buckets) { // access order is a structural change: one lock, held for a map lookup
            bucket = buckets.computeIfAbsent((exercise ? "x/" : "r/") + operatorId + "/" + incidentId,
                    k -> new TokenBucket(perSecond, burst, now));
        }
        return bucket.tryTake(now);
    }

    public double perHour() {
        return perSecond * 3600;
    }

    public int burst() {
        return burst;
    }

    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
