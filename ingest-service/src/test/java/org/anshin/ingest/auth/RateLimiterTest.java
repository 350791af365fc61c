package org.anshin.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.anshin.common.config.Operator;
import org.junit.jupiter.api.Test;

/** The operator and secretariat limits on Bucket4j's buckets, with its time source moved by hand. */
class RateLimiterTest {
    private final ManualTime time = new ManualTime();
    private final RateLimiter limiter = new RateLimiter(time);

    @Test
    void refillsContinuouslyAtTheRateUpToTheBurst() {
        Operator op = new Operator("o", "o", Set.of("gas"), "0".repeat(64), 4, 2); // 4/s, burst 2
        assertThat(limiter.acquire(op)).isZero();
        assertThat(limiter.acquire(op)).isZero();
        assertThat(limiter.acquire(op)).isEqualTo(Duration.ofMillis(250));

        time.advance(Duration.ofMillis(100)); // 0.4 of a token: still refused, with the rest of the wait
        assertThat(limiter.acquire(op)).isEqualTo(Duration.ofMillis(150));
        time.advance(Duration.ofMillis(150));
        assertThat(limiter.acquire(op)).isZero();

        time.advance(Duration.ofMinutes(10)); // a long pause refills only the burst
        assertThat(limiter.acquire(op)).isZero();
        assertThat(limiter.acquire(op)).isZero();
        assertThat(limiter.acquire(op)).isPositive();
    }

    @Test
    void keysAreSeparateAndAWaitBecomesWholeSecondsOfRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("secretariat:s1", 0.5, 3)).isZero();
        }
        Duration wait = limiter.acquire("secretariat:s1", 0.5, 3);
        assertThat(wait).isEqualTo(Duration.ofSeconds(2));
        assertThat(RateLimiter.retryAfterSeconds(wait)).isEqualTo(2);
        assertThat(RateLimiter.retryAfterSeconds(Duration.ofMillis(2001))).isEqualTo(3);
        assertThat(limiter.acquire("secretariat:s2", 0.5, 3)).isZero();
    }
}
