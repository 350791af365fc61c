package org.anshin.notifier.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads whose death stops the notifier's job (the poll loop, the state tailer). Each recovers from
 * what is retriable (an unreachable broker or registry) by itself; when one dies anyway it says so here:
 * its {@code anshin.notifier.thread.alive{thread}} gauge drops to 0, readiness turns false and
 * {@link #fatal()} completes, on which {@code NotifierMain} exits non-zero so that the container is
 * restarted instead of living on as a zombie that answers {@code /health/live} and {@code /metrics}.
 */
public final class ServiceHealth {
    public static final String THREAD_ALIVE = "anshin.notifier.thread.alive";
    public static final String POLL = "poll";
    public static final String STATE_TAILER = "state-tailer";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHealth.class);

    private final Map<String, AtomicBoolean> alive = new ConcurrentHashMap<>();
    private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();

    public ServiceHealth(MeterRegistry meters, String... threads) {
        for (String t : threads) {
            AtomicBoolean flag = new AtomicBoolean(true);
            alive.put(t, flag);
            Gauge.builder(THREAD_ALIVE, flag, f -> f.get() ? 1 : 0)
                    .description("1 while the notifier thread runs, 0 once it died (the process then exits)")
                    .tag("thread", t).register(meters);
        }
    }

    /** A thread ended by an error it could not recover from. */
    public void died(String thread, Throwable cause) {
        AtomicBoolean flag = alive.get(thread);
        if (flag != null) {
            flag.set(false);
        }
        LOG.error("notifier thread '{}' died; the notifier is not ready and stops", thread, cause);
        fatal.complete(new IllegalStateException("notifier thread '" + thread + "' died: " + cause, cause));
    }

    public boolean alive() {
        return alive.values().stream().allMatch(AtomicBoolean::get);
    }

    public boolean alive(String thread) {
        AtomicBoolean flag = alive.get(thread);
        return flag != null && flag.get();
    }

    /** Completes with the cause when a thread of the job died. */
    public CompletableFuture<Throwable> fatal() {
        return fatal;
    }
}
