package org.anshin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.anshin.notifier.channel.SendResult;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    @Property(tries = 2000)
    void delayIsHalfToAllOfTheCappedExponentialBackoff(@ForAll @IntRange(min = 1, max = 5) int attempts,
                                                       @ForAll @DoubleRange(min = 0, max = 1) double random) {
        Optional<Duration> next = policy.next(SendResult.retryable("503"), attempts, Duration.ZERO, () -> random);
        long full = Math.min(1000L << (attempts - 1), 60_000L);
        assertThat(next).isPresent();
        assertThat(next.get().toMillis()).isBetween(full / 2, full);
    }

    @Property(tries = 1000)
    void neverRetriesPastTheMaximumAge(@ForAll @IntRange(min = 1, max = 5) int attempts,
                                       @ForAll @IntRange(min = 0, max = 700) int ageSeconds) {
        Duration age = Duration.ofSeconds(ageSeconds);
        policy.next(SendResult.retryable("503"), attempts, age, () -> 1.0)
                .ifPresent(d -> assertThat(age.plus(d)).isLessThanOrEqualTo(Duration.ofMinutes(10)));
    }

    @Test
    void finalOutcomesAreNotRetried() {
        assertThat(policy.next(SendResult.delivered(), 1, Duration.ZERO, () -> 0.5)).isEmpty();
        assertThat(policy.next(SendResult.permanent("HTTP 400"), 1, Duration.ZERO, () -> 0.5)).isEmpty();
        assertThat(policy.next(SendResult.retryable("HTTP 503"), 6, Duration.ZERO, () -> 0.5)).isEmpty();
    }

    @Test
    void backoffDoublesUpToTheCapWithoutOverflow() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.backoff(500)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aRetryAfterIsAFloorNotCappedByMaxBackoffButBoundedByMaxAge() {
        SendResult throttled = new SendResult(SendResult.Kind.RETRYABLE, "HTTP 429", Duration.ofSeconds(90), true);
        // backoff after 1 attempt: 0.5-1 s; the receiver asked for 90 s, above the 60 s cap: 90 s it is
        assertThat(policy.next(throttled, 1, Duration.ZERO, () -> 0.5)).contains(Duration.ofSeconds(90));
        SendResult shortWait = new SendResult(SendResult.Kind.RETRYABLE, "HTTP 503", Duration.ofMillis(10), false);
        assertThat(policy.next(shortWait, 3, Duration.ZERO, () -> 1.0)).contains(Duration.ofSeconds(4));
        // 9.5 min into the tries, a 90 s Retry-After would start after the 10 min max age: give up
        assertThat(policy.next(throttled, 1, Duration.ofSeconds(570), () -> 0.5)).isEmpty();
    }
}
