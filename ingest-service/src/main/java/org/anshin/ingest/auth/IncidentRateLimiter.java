package org.anshin.ingest.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anshin.common.config.Operator;

/**
 * A token bucket (Bucket4j's, see {@link RateLimiter#bucket}) per (operator, incidentId, real-or-drill), sized by the operator's {@code rateLimit}
 * {@code incidentPerHour} and {@code incidentBurst} in operators.yaml (120 an hour, burst 20 by default). It is
 * what makes routing's bounded dedup window safe: routing remembers an incident's last 1,000 reportIds, and at
 * 120 reports an hour that covers the last 8 hours of resends. A report over the limit gets a 429 before
 * anything is written.
 *
 * <p>Memory is bounded: the least recently used buckets beyond {@code maxIncidents} are forgotten (a
 * forgotten incident starts again with a full burst). The limit is per ingest instance; with N instances an
 * incident may take up to N times the rate, which the dedup window's margin absorbs.
 */
public final class IncidentRateLimiter {
    static final int DEFAULT_MAX_INCIDENTS = 100_000;

    private final TimeMeter time;
    private final Map<String, Bucket> buckets;

    public IncidentRateLimiter() {
        this(DEFAULT_MAX_INCIDENTS, TimeMeter.SYSTEM_NANOTIME);
    }

    IncidentRateLimiter(int maxIncidents, TimeMeter time) {
        this.time = time;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxIncidents;
            }
        };
    }

    /** Zero when the report may go on, else the wait before this incident takes another one. */
    public Duration acquire(Operator operator, String incidentId, boolean exercise) {
        Bucket bucket;
        synchronized (buckets) { // access order is a structural change: one lock, held for a map lookup
            bucket = buckets.computeIfAbsent((exercise ? "x/" : "r/") + operator.id() + "/" + incidentId,
                    k -> RateLimiter.bucket(operator.incidentPerHour() / 3600, operator.incidentBurst(), time));
        }
        return RateLimiter.take(bucket);
    }

    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
