package org.anshin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void allowsABurstThenOneTokenPerPeriod() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(2, now::get); // 2/s, burst 2
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        long wait = bucket.tryAcquire();
        assertThat(wait).isBetween(499_000_000L, 500_000_001L);
        now.addAndGet(wait);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();
    }

    @Test
    void slowRatesWaitSeconds() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(0.5, now::get);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isBetween(1_999_000_000L, 2_000_000_001L);
    }
}
