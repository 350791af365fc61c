package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttemptTimersTest {

    @Test
    void anAttemptPastItsTimeoutIsCancelled() throws Exception {
        try (AttemptTimers timers = new AttemptTimers()) {
            CompletableFuture<String> exchange = new CompletableFuture<>();
            timers.bound(exchange, Duration.ofMillis(50));
            // the timer cancels the exchange; get() then throws, or returns once the cancellation is seen
            org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(exchange::isCancelled);
            assertThat(exchange.isCancelled()).isTrue();
        }
    }

    @Test
    void aCompletedAttemptLeavesNoTimerBehind() {
        try (AttemptTimers timers = new AttemptTimers()) {
            CompletableFuture<String> exchange = new CompletableFuture<>();
            timers.bound(exchange, Duration.ofMinutes(10));
            assertThat(timers.pending()).isEqualTo(1);
            exchange.complete("200");
            assertThat(timers.pending()).isZero();
            assertThat(exchange.isCancelled()).isFalse();
        }
    }
}
