package org.anshin.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.anshin.common.config.Operator;
import org.junit.jupiter.api.Test;

/** The per-incident limit on Bucket4j's buckets, with its time source moved by hand. */
class IncidentRateLimiterTest {
    private final ManualTime time = new ManualTime();
    // 120 an hour (one every 30 s), burst 20: the defaults of operators.yaml
    private final Operator op = new Operator("o", "o", Set.of("gas"), List.of("0".repeat(64)), 10, 20, 120, 20,
            Optional.empty());

    @Test
    void anIncidentGetsItsBurstThenOneReportEveryThirtySeconds() {
        IncidentRateLimiter limiter = new IncidentRateLimiter(10, time);
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire(op, "inc-1", false)).isZero();
        }
        assertThat(limiter.acquire(op, "inc-1", false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(limiter.acquire(op, "inc-1", true)).as("a drill of the same id has its own bucket").isZero();
        assertThat(limiter.acquire(op, "inc-2", false)).isZero();

        time.advance(Duration.ofSeconds(20));
        assertThat(limiter.acquire(op, "inc-1", false)).isEqualTo(Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(10));
        assertThat(limiter.acquire(op, "inc-1", false)).isZero();
        assertThat(limiter.acquire(op, "inc-1", false)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void forgetsTheLeastRecentlyUsedIncidentsBeyondItsBound() {
        IncidentRateLimiter limiter = new IncidentRateLimiter(2, time);
        for (int i = 0; i < 20; i++) {
            limiter.acquire(op, "inc-1", false);
        }
        limiter.acquire(op, "inc-2", false);
        limiter.acquire(op, "inc-3", false);
        assertThat(limiter.size()).isEqualTo(2);
        assertThat(limiter.acquire(op, "inc-1", false)).as("forgotten: a full burst again").isZero();
    }

    @Test
    void aBucketFullAgainIsDroppedAndOneStillRefillingIsKept() {
        IncidentRateLimiter limiter = new IncidentRateLimiter(1_000, time);
        for (int i = 0; i < 20; i++) {
            limiter.acquire(op, "busy", false); // empty: refilled after 20 x 30 s
        }
        limiter.acquire(op, "quiet", false); // one token short of full: refilled after 30 s
        time.advance(Duration.ofSeconds(31));
        limiter.acquire(op, "new-1", false);
        assertThat(limiter.size()).as("busy is eldest and still refilling: nothing dropped").isEqualTo(3);

        limiter.acquire(op, "busy", false); // busy is now the most recently used; quiet is eldest and full
        limiter.acquire(op, "new-2", false);
        assertThat(limiter.size()).as("quiet, full again, dropped").isEqualTo(3);
        assertThat(limiter.acquire(op, "busy", false)).as("busy kept its (nearly) empty bucket").isPositive();

        time.advance(Duration.ofMinutes(11)); // every bucket full again
        limiter.acquire(op, "new-3", false);
        limiter.acquire(op, "new-4", false);
        assertThat(limiter.size()).as("a few dropped per call until only the active remain").isLessThanOrEqualTo(3);
    }
}
