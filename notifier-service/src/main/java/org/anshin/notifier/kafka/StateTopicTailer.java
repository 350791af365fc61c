package org.anshin.notifier.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.anshin.notifier.delivery.DeliveryLedger;
import org.anshin.schemas.DeliveryOutcome;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted delivery-state topic from the beginning and keeps following it, so the ledger
 * knows what every notifier instance has settled. {@link #awaitCaughtUp} waits until everything written
 * before the call has been applied: at start-up and whenever partitions are assigned, so a notice taken
 * over from another instance is checked against that instance's deliveries.
 *
 * <p>It reads with {@code isolation.level=read_committed} (set by the service), like the notice consumer.
 * Timeouts and other retriable errors (a broker restart) are retried with a bounded backoff; only an error
 * it cannot retry ends it, and then {@link ServiceHealth} is told (the process exits).
 */
public final class StateTopicTailer implements Runnable, AutoCloseable, StateCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(StateTopicTailer.class);

    /** What the tailer does with each record it reads (on its own thread, in partition order). */
    @FunctionalInterface
    public interface Applier {
        void apply(ConsumerRecord<String, byte[]> r);
    }

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Applier applier;
    private final String name;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> requests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final ServiceHealth health;
    private static final long MAX_BACKOFF_MS = 5_000;
    private volatile boolean running = true;
    private Map<TopicPartition, Long> target;
    private boolean needTarget;
    private List<CompletableFuture<Void>> waiting = new java.util.ArrayList<>();

    public StateTopicTailer(Consumer<String, byte[]> consumer, String topic, DeliveryLedger ledger) {
        this(consumer, topic, ledger, null);
    }

    /** @param health told when the tailer dies of an error it cannot retry (null: only logged) */
    public StateTopicTailer(Consumer<String, byte[]> consumer, String topic, DeliveryLedger ledger,
                            ServiceHealth health) {
        this(consumer, topic, r -> apply(ledger, r), health, ServiceHealth.STATE_TAILER);
    }

    /**
     * Any compacted topic read the same way (the Alertmanager keeper's firing list too).
     *
     * @param name the thread's name in {@link ServiceHealth} (the Java thread is {@code anshin-<name>})
     */
    public StateTopicTailer(Consumer<String, byte[]> consumer, String topic, Applier applier, ServiceHealth health,
                            String name) {
        this.health = health;
        this.consumer = consumer;
        this.topic = topic;
        this.applier = applier;
        this.name = name;
        this.thread = new Thread(this, "anshin-" + name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Blocks until the ledger holds every state record written before this call. */
    @Override
    public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        CompletableFuture<Void> request = new CompletableFuture<>();
        requests.add(request);
        consumer.wakeup();
        try {
            request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("state topic " + topic + " unreadable", e.getCause());
        }
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = waitForPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int failures = 0;
            while (running) {
                try {
                    takeRequests(partitions);
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        applier.apply(r);
                    }
                    releaseIfCaughtUp();
                    failures = 0;
                } catch (WakeupException e) {
                    // a caller asked to catch up (or close): handled at the top of the loop
                } catch (RetriableException e) {
                    // a broker restart or a slow leader election: endOffsets/position time out; try again (a fresh
                    // target for the waiters, who time out on their own side if this lasts) after a bounded backoff
                    failures++;
                    needTarget = !waiting.isEmpty();
                    long backoff = Math.min(MAX_BACKOFF_MS, 200L << Math.min(failures - 1, 10));
                    LOG.warn("state topic {} not reachable ({}), retrying in {} ms", topic, e.toString(), backoff);
                    pause(backoff);
                }
            }
        } catch (WakeupException e) {
            // closed before the topic was found
        } catch (Throwable e) {
            RuntimeException cause = e instanceof RuntimeException re ? re : new IllegalStateException(e);
            requests.forEach(r -> r.completeExceptionally(cause));
            waiting.forEach(r -> r.completeExceptionally(cause));
            if (health != null) {
                health.died(name, e);
            } else {
                LOG.error("state tailer of {} stopped", topic, e);
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("closing the state consumer: {}", e.toString());
            }
        }
    }

    private void pause(long millis) {
        long until = System.currentTimeMillis() + millis;
        try {
            while (running && System.currentTimeMillis() < until) {
                Thread.sleep(Math.min(100, millis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void apply(DeliveryLedger ledger, ConsumerRecord<String, byte[]> r) {
        try {
            ledger.apply(r.key(), r.value() == null ? null
                    : DeliveryOutcome.valueOf(new String(r.value(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring unreadable state record {} at {}-{}@{}", r.key(), r.topic(), r.partition(), r.offset());
        }
    }

    private List<TopicPartition> waitForPartitions() {
        while (running) {
            try {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                }
            } catch (WakeupException e) {
                // a catch-up request before the topic is known: retried once it is
            } catch (RetriableException e) {
                LOG.info("waiting for state topic {}: {}", topic, e.getMessage());
                pause(1_000);
            }
        }
        throw new WakeupException();
    }

    private void takeRequests(List<TopicPartition> partitions) {
        CompletableFuture<Void> r;
        while ((r = requests.poll()) != null) {
            waiting.add(r);
            needTarget = true;
        }
        if (needTarget) {
            // a fresh target for all waiters: end offsets now cover everything written before their calls
            target = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            needTarget = false;
        }
    }

    private void releaseIfCaughtUp() {
        if (waiting.isEmpty() || target == null || needTarget) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(10)) < e.getValue()) {
                return;
            }
        }
        waiting.forEach(f -> f.complete(null));
        waiting = new java.util.ArrayList<>();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(3_000);
    }
}
