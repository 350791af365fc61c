package org.anshin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChannelRateTest {
    /** Bucket4j's time source, moved by hand. */
    private static TimeMeter manual(AtomicLong now) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return now.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    @Test
    void allowsABurstThenOneTokenPerPeriod() {
        AtomicLong now = new AtomicLong();
        ChannelRate bucket = new ChannelRate(2, manual(now)); // 2/s, burst 2
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
        ChannelRate bucket = new ChannelRate(0.5, manual(now));
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isBetween(1_999_000_000L, 2_000_000_001L);
    }

    @Test
    void refillsContinuouslyAndKeepsAFractionalBurst() {
        AtomicLong now = new AtomicLong();
        ChannelRate bucket = new ChannelRate(2.5, manual(now)); // 2.5/s, burst 2.5
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        // half a message is left: the next one is there after 0.5 / 2.5 s
        assertThat(bucket.tryAcquire()).isEqualTo(200_000_000L);
        now.addAndGet(100_000_000L);
        assertThat(bucket.tryAcquire()).as("refilled in proportion, not in steps").isEqualTo(100_000_000L);
        now.addAndGet(100_000_000L);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isEqualTo(400_000_000L);
        now.addAndGet(60_000_000_000L); // a long quiet spell refills the burst, no more
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();
    }
}
