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

    private final Admin admin;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-kafka-readiness");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean reachable;

    public KafkaReadiness(Admin admin, Duration interval, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        boolean ok;
        try {
            ok = !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (ok != reachable) {
            LOG.info("Kafka is {}", ok ? "reachable" : "NOT reachable: POST answers 503 until it is back");
        }
        reachable = ok;
    }

    @Override
    public boolean getAsBoolean() {
        return reachable;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
