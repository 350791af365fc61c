package org.anshin.notifier.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.anshin.notifier.NotifierSettings;
import org.anshin.notifier.delivery.Dispatcher;
import org.anshin.notifier.delivery.NoticeTicket;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop: reads notices, hands them to the {@link Dispatcher} and commits each partition up to
 * its first notice not yet settled on every channel. It never waits on a delivery: when too many
 * notices are in flight it pauses its partitions and keeps polling, so the group never sees it miss
 * {@code max.poll.interval.ms}.
 *
 * <p>An unreachable schema registry is not a poison record: the partition is rewound to the notice, paused
 * for a bounded, growing backoff (0.5 s doubling to 30 s) and read again, while the loop keeps polling the
 * others; the service is not ready meanwhile. Unreadable records go to the dead-letter topic. Anything the
 * loop cannot recover from is reported to {@link ServiceHealth} (the process then exits), never swallowed.
 */
public final class NoticeConsumerLoop implements Runnable, ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    static final Duration REGISTRY_BACKOFF_MIN = Duration.ofMillis(500);
    static final Duration REGISTRY_BACKOFF_MAX = Duration.ofSeconds(30);
    /** How long readiness stays false after the last registry failure. */
    private static final long REGISTRY_UNREADY_MS = 10_000;

    private final Consumer<String, byte[]> consumer;
    private final NoticeReader reader;
    /** This loop's name in {@link ServiceHealth}: {@link ServiceHealth#POLL}, or the advisory loop's. */
    private final String healthName;
    private final Map<String, TopicRoute> routes;
    private final Dispatcher dispatcher;
    private final StateCatchUp tailer;
    private final DeadLetterWriter deadLetters;
    private final NotifierMetrics metrics;
    private final NotifierSettings settings;
    private final ServiceHealth health;
    private final OffsetTracker<NoticeTicket> tracker = new OffsetTracker<>();
    /** Partitions waiting for the registry, with the time of their next try. */
    private final Map<TopicPartition, Long> registryRetryAt = new ConcurrentHashMap<>();
    private int registryFailures;
    private volatile long lastRegistryFailureMillis;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile long lastPollMillis;
    private volatile Duration stopDrain;
    private boolean paused;
    private long lastCommit;
    private volatile IntakeListener intake = IntakeListener.NONE;
    private volatile PartitionOwnership ownership = PartitionOwnership.NONE;
    private Map<String, Integer> partitionCounts = Map.of();

    public NoticeConsumerLoop(Consumer<String, byte[]> consumer, Deserializer<IncidentNotice> deserializer,
                              Map<String, TopicRoute> routes, Dispatcher dispatcher, StateCatchUp tailer,
                              DeadLetterWriter deadLetters, NotifierMetrics metrics, NotifierSettings settings,
                              ServiceHealth health) {
        this(consumer, NoticeReader.incidents(deserializer), routes, dispatcher, tailer, deadLetters, metrics, settings,
                health, ServiceHealth.POLL);
    }

    /** A loop over other notices (advisories): its own reader and its own name in the health gauges. */
    public NoticeConsumerLoop(Consumer<String, byte[]> consumer, NoticeReader reader,
                              Map<String, TopicRoute> routes, Dispatcher dispatcher, StateCatchUp tailer,
                              DeadLetterWriter deadLetters, NotifierMetrics metrics, NotifierSettings settings,
                              ServiceHealth health, String healthName) {
        this.consumer = consumer;
        this.reader = reader;
        this.healthName = healthName;
        this.routes = routes;
        this.dispatcher = dispatcher;
        this.tailer = tailer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
        this.health = health;
        this.stopDrain = settings.revokeGrace();
    }

    /** Who is told of each notice taken in (the Alertmanager keeper); set before {@link #run}. */
    public void onIntake(IntakeListener l) {
        this.intake = l;
    }

    /** Who is told which partitions this instance owns (the Alertmanager keeper); set before {@link #run}. */
    public void onOwnership(PartitionOwnership o) {
        this.ownership = o;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(routes.keySet(), this);
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (RetriableException e) {
                    // e.g. a timeout while the broker restarts: the client reconnects by itself
                    LOG.warn("poll failed, polling again: {}", e.toString());
                    continue;
                }
                lastPollMillis = System.currentTimeMillis();
                for (TopicPartition tp : records.partitions()) {
                    handle(tp, records.records(tp));
                }
                retryRegistryWaiters();
                applyBackpressure();
                if (lastPollMillis - lastCommit >= settings.commitInterval().toMillis()) {
                    commitAsync();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                health.died(healthName, e);
            } // else stop() woke the poll
        } catch (Throwable e) {
            // a fenced instance id, an authorization error, a bug: not retriable, so say so and let the process end
            running = false;
            health.died(healthName, e);
        } finally {
            drainAndClose();
        }
    }

    /** One partition's records of a poll, in order; stops at a record that needs the (unreachable) registry. */
    private void handle(TopicPartition tp, List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                handle(tp, r);
            } catch (SchemaRegistryException e) {
                // not the record's fault (NotFound comes wrapped in a SerializationException): read it again later
                waitForRegistry(tp, r.offset(), e);
                return;
            }
        }
    }

    private void handle(TopicPartition tp, ConsumerRecord<String, byte[]> r) {
        TopicRoute route = routes.get(r.topic());
        long offset = r.offset();
        NoticeTicket ticket;
        try {
            ticket = r.value() == null || route == null ? null
                    : reader.read(r, route, () -> tracker.complete(tp, offset));
        } catch (SerializationException e) {
            deadLetter(tp, r, e);
            return;
        }
        registryFailures = 0;
        if (ticket == null) {
            return;
        }
        tracker.add(tp, offset, ticket);
        try {
            intake.taken(ticket);
        } catch (RuntimeException e) {
            LOG.error("intake listener failed on notice {}: {}", ticket.noticeId(), e.toString());
        }
        dispatcher.submit(ticket);
    }

    private void waitForRegistry(TopicPartition tp, long offset, SchemaRegistryException e) {
        registryFailures++;
        lastRegistryFailureMillis = System.currentTimeMillis();
        long backoff = Math.min(REGISTRY_BACKOFF_MAX.toMillis(),
                REGISTRY_BACKOFF_MIN.toMillis() << Math.min(registryFailures - 1, 16));
        LOG.warn("schema registry unavailable reading {}@{} (failure {}); reading it again in {} ms: {}", tp, offset,
                registryFailures, backoff, e.toString());
        consumer.seek(tp, offset);
        consumer.pause(List.of(tp));
        registryRetryAt.put(tp, System.currentTimeMillis() + backoff);
    }

    private void retryRegistryWaiters() {
        long now = System.currentTimeMillis();
        Set<TopicPartition> due = new HashSet<>();
        registryRetryAt.forEach((tp, at) -> {
            if (at <= now) {
                due.add(tp);
            }
        });
        due.forEach(registryRetryAt::remove);
        due.retainAll(consumer.assignment());
        if (!paused && !due.isEmpty()) {
            consumer.resume(due);
        }
    }

    private void deadLetter(TopicPartition tp, ConsumerRecord<String, byte[]> r, SerializationException e) {
        metrics.unreadable().increment();
        NoticeDeadLetterReason reason = e.getCause() instanceof SchemaRegistryException.NotFound
                ? NoticeDeadLetterReason.UNKNOWN_SCHEMA : NoticeDeadLetterReason.UNREADABLE;
        LOG.warn("unreadable notice at {}-{}@{} ({}), to {}: {}", r.topic(), r.partition(), r.offset(), reason.label(),
                deadLetters.topicFor(r.topic()), e.getMessage());
        tracker.add(tp, r.offset(), null);
        // settled either way: written, or given up after bounded retries (counted and logged with its offset)
        deadLetters.write(r, reason, e, written -> tracker.complete(tp, r.offset()));
    }

    /** Pause everything above the in-flight limit, resume below half of it (but not partitions awaiting the registry). */
    private void applyBackpressure() {
        int inFlight = tracker.inFlight();
        if (!paused && inFlight >= settings.maxInFlight()) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.info("{} notices in flight: pausing intake", inFlight);
        } else if (paused && inFlight <= settings.maxInFlight() / 2) {
            Set<TopicPartition> resume = new HashSet<>(consumer.paused());
            resume.removeAll(registryRetryAt.keySet());
            consumer.resume(resume);
            paused = false;
        } else if (paused) {
            consumer.pause(consumer.assignment()); // newly assigned partitions start unpaused
        }
    }

    private void commitAsync() {
        lastCommit = System.currentTimeMillis();
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable(consumer.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (done, error) -> {
            if (error == null) {
                tracker.committed(done);
            } else {
                LOG.warn("offset commit failed (retried on the next one): {}", error.toString());
            }
        });
    }

    private void commitSync(Collection<TopicPartition> partitions, Duration timeout) {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable(partitions);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, timeout);
            tracker.committed(offsets);
        } catch (KafkaException e) {
            LOG.warn("offset commit of {} failed; the next owner re-reads from the last commit: {}", offsets.keySet(),
                    e.toString());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // whatever the drain below does, the next owner may start at any moment: stop keeping alerts of these now
        tellOwnership(partitions);
        try {
            if (!tracker.awaitDrained(partitions, settings.revokeGrace())) {
                LOG.info("{} notices still in flight on revoked partitions: abandoning them to the next owner",
                        tracker.inFlight(partitions));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commitSync(partitions, Duration.ofSeconds(10));
        partitions.forEach(registryRetryAt::remove);
        tracker.remove(partitions).forEach(t -> {
            if (t != null) {
                t.abandon();
            }
        });
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        tellOwnership(partitions);
        partitions.forEach(registryRetryAt::remove);
        tracker.remove(partitions).forEach(t -> {
            if (t != null) {
                t.abandon();
            }
        });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // another instance may have delivered some of these partitions' notices: learn its settled deliveries first
        try {
            tailer.awaitCaughtUp(Duration.ofSeconds(30));
        } catch (TimeoutException e) {
            LOG.warn("delivery state not caught up within 30 s; duplicates are possible for notices taken over now");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            LOG.warn("delivery state unreadable ({}); duplicates are possible for notices taken over now", e.getMessage());
        }
        Set<TopicPartition> now = new HashSet<>(consumer.assignment());
        LOG.info("assigned {} partition(s), {} in total", partitions.size(), now.size());
        assigned = true;
        partitionCounts = countPartitions();
        tellOwnership(List.of());
    }

    /**
     * The assignment without {@code leaving}, with the partition counts learnt at the last assignment (a revocation
     * may run inside the consumer's close: no metadata request there).
     */
    private void tellOwnership(Collection<TopicPartition> leaving) {
        Set<TopicPartition> owned = new HashSet<>(consumer.assignment());
        owned.removeAll(leaving);
        try {
            ownership.owned(Set.copyOf(owned), partitionCounts);
        } catch (RuntimeException e) {
            LOG.error("ownership listener failed: {}", e.toString());
        }
    }

    /** Partition counts of the subscribed topics, from the consumer's metadata (known after an assignment). */
    private Map<String, Integer> countPartitions() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (String topic : routes.keySet()) {
            try {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    counts.put(topic, infos.size());
                }
            } catch (KafkaException e) {
                LOG.warn("no partition count for {} ({}): its alerts are not kept by this instance now", topic,
                        e.toString());
            }
        }
        return Map.copyOf(counts);
    }

    /**
     * Waits for in-flight notices at most {@link #stop(Duration)}'s drain (never longer than the revoke grace),
     * commits (3 s at most) and closes the consumer (3 s at most): the whole stays inside the shutdown budget.
     */
    private void drainAndClose() {
        try {
            Set<TopicPartition> all = new HashSet<>(consumer.assignment());
            try {
                Duration drain = stopDrain.compareTo(settings.revokeGrace()) < 0 ? stopDrain : settings.revokeGrace();
                if (!tracker.awaitDrained(all, drain)) {
                    LOG.info("stopping with {} notices in flight; they are re-read on the next start", tracker.inFlight());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            commitSync(all, Duration.ofSeconds(3));
        } catch (RuntimeException e) {
            LOG.warn("could not commit on stop: {}", e.toString());
        } finally {
            try {
                // a static member (group.instance.id) does not leave the group here: a restart within
                // session.timeout.ms gets its partitions back without a rebalance
                consumer.close(Duration.ofSeconds(3));
            } catch (RuntimeException e) {
                LOG.warn("closing the notice consumer: {}", e.toString());
            }
        }
    }

    /** Ready: polling, the group has given this member its (possibly empty) share, the registry answers. */
    public boolean ready() {
        long now = System.currentTimeMillis();
        return running && assigned && now - lastPollMillis < 15_000 && registryRetryAt.isEmpty()
                && now - lastRegistryFailureMillis > REGISTRY_UNREADY_MS;
    }

    /** Partitions waiting for the schema registry right now. */
    public int waitingForRegistry() {
        return registryRetryAt.size();
    }

    public int inFlight() {
        return tracker.inFlight();
    }

    public void stop() {
        stop(settings.revokeGrace());
    }

    /** Stops polling; in-flight notices get at most {@code drain} to settle before the offsets are committed. */
    public void stop(Duration drain) {
        stopDrain = drain;
        running = false;
        consumer.wakeup();
    }
}
