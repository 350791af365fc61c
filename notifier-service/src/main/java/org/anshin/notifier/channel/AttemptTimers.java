package org.anshin.notifier.channel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends an HTTP attempt that outlives its timeout. One daemon thread for all channels, and each attempt's timer
 * is removed as soon as the exchange completes: with {@code CompletableFuture.delayedExecutor} every attempt
 * left a task behind for the whole timeout, and on a machine with two cores or fewer (the common pool then has
 * parallelism 1) each of them, once due, ran on a new thread of its own.
 */
public final class AttemptTimers implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timers;

    public AttemptTimers() {
        timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "anshin-http-timeouts");
            t.setDaemon(true);
            return t;
        });
        // completed attempts cancel their timer: drop it from the queue at once instead of at its due time
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Cancels {@code exchange} (aborting its connection) if it has not completed within {@code timeout}. */
    public void bound(CompletableFuture<?> exchange, Duration timeout) {
        ScheduledFuture<?> timer = timers.schedule(() -> exchange.cancel(true), timeout.toMillis(), TimeUnit.MILLISECONDS);
        exchange.whenComplete((result, failure) -> timer.cancel(false));
    }

    /** Timers still queued (attempts not completed yet); for tests. */
    int pending() {
        return timers.getQueue().size();
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
