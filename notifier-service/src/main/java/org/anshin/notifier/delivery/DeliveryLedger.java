package org.anshin.notifier.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.anshin.schemas.DeliveryOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this notifier knows has been settled for a notice and channel (DELIVERED or FAILED for good):
 * filled from the compacted {@code notifications.delivery-state} topic (by every instance's writes) and
 * from this instance's own writes, consulted on intake and again before every attempt.
 *
 * <p><b>Bounded.</b> Each pair is stamped when the ledger learns it and is kept in that order:
 * <ul>
 *   <li>by age: a pair is forgotten {@code retention} after it was learnt (default 30 days, the state topic's own
 *       retention: after that a restart would not find it in the topic either);</li>
 *   <li>by size: above {@code maxEntries} the oldest pairs are evicted, but only pairs learnt more than
 *       {@code keepAtLeast} ago ({@code --max-notice-age} + {@link #SKEW}). A pair is learnt no earlier than its
 *       notice was settled, and a notice is settled after it was classified, so such a pair belongs to a notice
 *       older than {@code --max-notice-age}: the dispatcher skips it as stale before it looks here, and evicting
 *       it cannot cause a re-send. If the fresh pairs alone exceed the cap, the ledger grows past it (and says so)
 *       rather than forget a fresh one, up to a hard ceiling of 1.5 times the cap;</li>
 *   <li>by the hard ceiling: beyond it the oldest pairs go even when fresh ({@link #forcedEvictions()} counts
 *       them). Without it a sustained high rate (measured: about 880,000 pairs, ten minutes at 1,500 reports/s
 *       with two channels each) filled a 256 MB heap and the notifier died of OutOfMemoryError. A forced pair is the
 *       oldest one, settled long after its offset was committed (every second), so only a manual offset reset
 *       re-reads its notice; it is then sent again under the same idempotency key (webhook-id, dedup_key,
 *       Message-ID), which receivers de-duplicate: at least once, never twice under different keys.</li>
 * </ul>
 *
 * <p><b>Compact.</b> A pair is held by a 128-bit digest of its key (the first half of its SHA-256), not the key
 * itself: 117 bytes of heap a pair instead of 211 with the {@code noticeId|channel} string (measured), 35 instead of
 * 63 MB at the hard ceiling, which the notifier reaches under sustained load (its full collections were ~195 ms
 * each, 28 of them in five minutes at 1,800 reports/s). Two keys share a digest with a probability of about
 * {@code n^2 / 2^129} (~10^-28 for the 300,000 pairs of the default ceiling).
 */
public final class DeliveryLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);
    /** Margin for clocks of routing (classifiedAt) and notifier hosts that disagree. */
    public static final Duration SKEW = Duration.ofHours(1);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final int DEFAULT_MAX_ENTRIES = 200_000;

    private record Entry(DeliveryOutcome outcome, long learntMillis) {
    }

    /** The first 128 bits of SHA-256 of a pair's key. */
    private record Digest(long high, long low) {
        static Digest of(String key) {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            ByteBuffer d = ByteBuffer.wrap(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
            return new Digest(d.getLong(), d.getLong());
        }
    }

    private final Map<Digest, Entry> settled = new LinkedHashMap<>();
    private final long retentionMillis;
    private final int maxEntries;
    private final int hardLimit;
    private long forcedEvictions;
    private final long keepAtLeastMillis;
    private final Clock clock;
    private long lastOverCapWarning;

    /** The defaults: 30 days, 200,000 pairs, nothing younger than the default max notice age (24 h) + 1 h evicted. */
    public DeliveryLedger() {
        this(DEFAULT_RETENTION, DEFAULT_MAX_ENTRIES, Duration.ofHours(24).plus(SKEW), Clock.systemUTC());
    }

    public DeliveryLedger(Duration retention, int maxEntries, Duration keepAtLeast, Clock clock) {
        if (retention.toMillis() <= 0 || maxEntries < 1 || keepAtLeast.isNegative()) {
            throw new IllegalArgumentException("need retention > 0, maxEntries >= 1, keepAtLeast >= 0");
        }
        this.retentionMillis = retention.toMillis();
        this.maxEntries = maxEntries;
        this.hardLimit = maxEntries + Math.max(1, maxEntries / 2);
        this.keepAtLeastMillis = Math.min(keepAtLeast.toMillis(), retentionMillis);
        this.clock = clock;
    }

    public static String key(String noticeId, String channelId) {
        return noticeId + "|" + channelId;
    }

    public synchronized Optional<DeliveryOutcome> settled(String noticeId, String channelId) {
        Entry e = settled.get(Digest.of(key(noticeId, channelId)));
        return e == null ? Optional.empty() : Optional.of(e.outcome());
    }

    /** A state record (or this instance's own settlement), learnt now; {@code null} (a tombstone) forgets the pair. */
    public void apply(String key, DeliveryOutcome outcome) {
        apply(key, outcome, clock.instant());
    }

    /**
     * The same with the time the pair was settled, e.g. the state record's timestamp: the pair is then forgotten
     * {@code retention} after that time rather than after it was read.
     */
    public synchronized void apply(String key, DeliveryOutcome outcome, Instant settledAt) {
        Digest digest = Digest.of(key);
        settled.remove(digest); // re-inserted at the end: the map stays in the order the pairs were learnt
        if (outcome != null) {
            long now = clock.millis();
            settled.put(digest, new Entry(outcome, Math.min(settledAt.toEpochMilli(), now)));
            evict(now);
        }
    }

    private void evict(long now) {
        Iterator<Entry> it = settled.values().iterator();
        int forcedNow = 0;
        while (it.hasNext()) {
            long age = now - it.next().learntMillis();
            boolean overHardLimit = settled.size() > hardLimit;
            if (age > retentionMillis || (settled.size() > maxEntries && age > keepAtLeastMillis) || overHardLimit) {
                it.remove();
                if (overHardLimit && age <= retentionMillis && age <= keepAtLeastMillis) {
                    forcedNow++;
                }
            } else {
                break;
            }
        }
        forcedEvictions += forcedNow;
        if (settled.size() > maxEntries && now - lastOverCapWarning > 60_000) {
            lastOverCapWarning = now;
            LOG.warn("delivery ledger holds {} pairs, above its cap of {}: all are younger than the max notice age; "
                    + "at {} the oldest are forgotten even so ({} so far: a re-read of their notices would be sent "
                    + "again under the same idempotency key); raise --ledger-max-entries and the heap",
                    settled.size(), maxEntries, hardLimit, forcedEvictions);
        }
    }

    /** Fresh pairs forgotten because the ledger reached its hard ceiling (1.5 times the cap). */
    public synchronized long forcedEvictions() {
        return forcedEvictions;
    }

    public synchronized int size() {
        return settled.size();
    }
}
