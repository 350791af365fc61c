package org.anshin.ingest.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the broker answers, checked in the background (describeCluster with a short timeout) and cached, so
 * that {@code /health/ready} and the fast-fail path of POST never wait for Kafka.
 */
public final class KafkaReadiness implements BooleanSupplier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReadiness.class);
    /**
     * Failed checks in a row before Kafka counts as unreachable. One was enough before, and a broker busy for 1.5 s
     * under a 256-connection load (the bench) made ingest refuse 675 reports with 503 in 1.6 s while the producer
     * was being acknowledged all along. Three checks (one a second, 1.5 s each at most) still notice a stopped
     * broker within ~8 s, and a POST meanwhile waits on the producer's own bounded timeouts instead.
     */
    static final int FAILURES_TO_UNREACHABLE = 3;

    private final BooleanSupplier probe;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-kafka-readiness");
        t.setDaemon(true);
        return t;
    });
    private final Runnable onClose;
    private volatile boolean reachable;
    private int failuresInARow;

    public KafkaReadiness(Admin admin, Duration interval, Duration timeout) {
        this(() -> describes(admin, timeout), () -> admin.close(Duration.ofSeconds(2)));
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks only when {@link #check()} is called (tests). */
    KafkaReadiness(BooleanSupplier probe, Runnable onClose) {
        this.probe = probe;
        this.onClose = onClose;
    }

    private static boolean describes(Admin admin, Duration timeout) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void check() {
        boolean ok = probe.getAsBoolean();
        failuresInARow = ok ? 0 : failuresInARow + 1;
        // reachable at the first success (also at start); unreachable after enough failures in a row
        boolean next = ok || (reachable && failuresInARow < FAILURES_TO_UNREACHABLE);
        if (next != reachable) {
            LOG.info("Kafka is {}", next ? "reachable" : "NOT reachable (" + failuresInARow
                    + " checks failed in a row): POST answers 503 until it is back");
        }
        reachable = next;
    }

    @Override
    public boolean getAsBoolean() {
        return reachable;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        onClose.run();
    }
}
