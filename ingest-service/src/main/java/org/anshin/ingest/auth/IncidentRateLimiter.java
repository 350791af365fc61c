package org.anshin.ingest.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Iterator;
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
 * <p>Memory follows the incidents being reported, not all incidents ever seen: a bucket that has refilled to its
 * burst says no more than a new one would, so the least recently used buckets are dropped once they are full
 * again (30 s to 10 minutes after an incident's last report at the defaults; each call looks at up to
 * {@value #PRUNE_PER_CALL} of them). Beyond {@code maxIncidents} the least recently used bucket is forgotten even
 * if not full (a forgotten incident starts again with a full burst). A bucket costs ~450 bytes of heap: the old
 * bound of 100,000 held 45 MB of ingest's 256 MB heap under new-incident load, and the full collections it caused
 * (~280 ms each, ten in 50 s at 100 reports/s) were the end-to-end p99; at 1,000 reports/s ingest ran out of heap.
 * The limit is per ingest instance; with N instances an incident may take up to N times the rate, which the dedup
 * window's margin absorbs.
 */
public final class IncidentRateLimiter {
    static final int DEFAULT_MAX_INCIDENTS = 20_000;
    static final int PRUNE_PER_CALL = 2;

    private record Entry(Bucket bucket, long burst) {
        boolean full() {
            return bucket.getAvailableTokens() >= burst;
        }
    }

    private final TimeMeter time;
    private final LinkedHashMap<String, Entry> buckets;

    public IncidentRateLimiter() {
        this(DEFAULT_MAX_INCIDENTS, TimeMeter.SYSTEM_NANOTIME);
    }

    IncidentRateLimiter(int maxIncidents, TimeMeter time) {
        this.time = time;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxIncidents;
            }
        };
    }

    /** Zero when the report may go on, else the wait before this incident takes another one. */
    public Duration acquire(Operator operator, String incidentId, boolean exercise) {
        Entry entry;
        synchronized (buckets) { // access order is a structural change: one lock, held for a map lookup
            entry = buckets.computeIfAbsent((exercise ? "x/" : "r/") + operator.id() + "/" + incidentId,
                    k -> new Entry(RateLimiter.bucket(operator.incidentPerHour() / 3600, operator.incidentBurst(),
                            time), operator.incidentBurst()));
            pruneRefilled(entry);
        }
        return RateLimiter.take(entry.bucket());
    }

    /** Drops the eldest buckets that are full again, up to {@link #PRUNE_PER_CALL}, never {@code current}. */
    private void pruneRefilled(Entry current) {
        Iterator<Entry> eldest = buckets.values().iterator();
        for (int i = 0; i < PRUNE_PER_CALL && eldest.hasNext(); i++) {
            Entry e = eldest.next();
            if (e == current || !e.full()) {
                return;
            }
            eldest.remove();
        }
    }

    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
