package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendResultTest {
    private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(SendResult.parseRetryAfter("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(SendResult.parseRetryAfter(" 120 ", NOW)).contains(Duration.ofMinutes(2));
        assertThat(SendResult.parseRetryAfter("Wed, 21 Oct 2026 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(SendResult.parseRetryAfter("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(SendResult.parseRetryAfter("-1", NOW)).isEmpty();
        assertThat(SendResult.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(SendResult.parseRetryAfter(null, NOW)).isEmpty();
    }

    @Test
    void a429IsThrottledAndKeepsItsRetryAfterWhileOtherAnswersDoNotPauseTheChannel() {
        SendResult throttled = SendResult.ofHttpStatus(429, "slow down", "2", NOW);
        assertThat(throttled.kind()).isEqualTo(SendResult.Kind.RETRYABLE);
        assertThat(throttled.throttled()).isTrue();
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttled.error()).isEqualTo("HTTP 429: slow down (Retry-After 2000 ms)");

        SendResult busy = SendResult.ofHttpStatus(503, "", "Wed, 21 Oct 2026 07:28:05 GMT", NOW);
        assertThat(busy.throttled()).isFalse();
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(5));

        assertThat(SendResult.ofHttpStatus(429, "", null, NOW).retryAfter()).isNull();
        assertThat(SendResult.ofHttpStatus(429, "", null, NOW).throttled()).isTrue();
        // nothing to wait for on a final answer
        assertThat(SendResult.ofHttpStatus(400, "bad", "5", NOW).retryAfter()).isNull();
        assertThat(SendResult.ofHttpStatus(202, "", "5", NOW).retryAfter()).isNull();
        // the scrubber keeps the wait
        assertThat(throttled.mapError(e -> "x").retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }
}
