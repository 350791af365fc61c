package org.anshin.notifier.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.anshin.notifier.NotifierSettings;
import org.anshin.notifier.delivery.Dispatcher;
import org.anshin.notifier.delivery.NoticeTicket;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.schemas.IncidentNotice;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
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
 */
public final class NoticeConsumerLoop implements Runnable, ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<IncidentNotice> deserializer;
    private final Map<String, TopicRoute> routes;
    private final Dispatcher dispatcher;
    private final StateCatchUp tailer;
    private final Producer<String, byte[]> deadLetters;
    private final NotifierMetrics metrics;
    private final NotifierSettings settings;
    private final OffsetTracker<NoticeTicket> tracker = new OffsetTracker<>();
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile long lastPollMillis;
    private boolean paused;
    private long lastCommit;

    public NoticeConsumerLoop(Consumer<String, byte[]> consumer, Deserializer<IncidentNotice> deserializer,
                              Map<String, TopicRoute> routes, Dispatcher dispatcher, StateCatchUp tailer,
                              Producer<String, byte[]> deadLetters, NotifierMetrics metrics, NotifierSettings settings) {
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.routes = routes;
        this.dispatcher = dispatcher;
        this.tailer = tailer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(routes.keySet(), this);
            while (running) {
                var records = consumer.poll(POLL);
                lastPollMillis = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> r : records) {
                    handle(r);
                }
                applyBackpressure();
                if (lastPollMillis - lastCommit >= settings.commitInterval().toMillis()) {
                    commitAsync();
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll
        } catch (KafkaException e) {
            LOG.error("notice consumer stopped", e);
        } finally {
            drainAndClose();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        TopicRoute route = routes.get(r.topic());
        IncidentNotice notice;
        try {
            notice = r.value() == null ? null : deserializer.deserialize(r.topic(), r.headers(), r.value());
        } catch (SerializationException e) {
            deadLetter(r, e);
            return;
        }
        if (notice == null || route == null) {
            return;
        }
        // a drill notice found on a real topic is still a drill: it only ever reaches drill channels
        boolean exercise = route.exercise() || notice.getExercise();
        var channels = exercise && !route.exercise()
                ? route.channels().stream().filter(c -> c.exercise()).toList() : route.channels();
        long offset = r.offset();
        NoticeTicket ticket = new NoticeTicket(notice, exercise, channels, () -> tracker.complete(tp, offset));
        tracker.add(tp, offset, ticket);
        dispatcher.submit(ticket);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r, SerializationException e) {
        metrics.unreadable().increment();
        LOG.warn("unreadable notice at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        tracker.add(tp, r.offset(), null);
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(settings.deadLetterTopic(), r.key(), r.value());
        header(out, "anshin.dlq.reason", "unreadable IncidentNotice");
        header(out, "anshin.dlq.exception", e.getClass().getName());
        header(out, "anshin.dlq.message", String.valueOf(e.getMessage()));
        header(out, "anshin.dlq.source.topic", r.topic());
        header(out, "anshin.dlq.source.partition", String.valueOf(r.partition()));
        header(out, "anshin.dlq.source.offset", String.valueOf(r.offset()));
        deadLetters.send(out, (md, error) -> {
            if (error != null) {
                LOG.error("could not dead-letter {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), error.toString());
            } else {
                tracker.complete(tp, r.offset());
            }
        });
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Pause everything above the in-flight limit, resume below half of it. */
    private void applyBackpressure() {
        int inFlight = tracker.inFlight();
        if (!paused && inFlight >= settings.maxInFlight()) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.info("{} notices in flight: pausing intake", inFlight);
        } else if (paused && inFlight <= settings.maxInFlight() / 2) {
            consumer.resume(consumer.paused());
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

    private void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable(partitions);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            tracker.committed(offsets);
        } catch (KafkaException e) {
            LOG.warn("offset commit of {} failed; the next owner re-reads from the last commit: {}", offsets.keySet(),
                    e.toString());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        try {
            if (!tracker.awaitDrained(partitions, settings.revokeGrace())) {
                LOG.info("{} notices still in flight on revoked partitions: abandoning them to the next owner",
                        tracker.inFlight(partitions));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commitSync(partitions);
        tracker.remove(partitions).forEach(t -> {
            if (t != null) {
                t.abandon();
            }
        });
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
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
        }
        Set<TopicPartition> now = new HashSet<>(consumer.assignment());
        LOG.info("assigned {} partition(s), {} in total", partitions.size(), now.size());
        assigned = true;
    }

    private void drainAndClose() {
        try {
            Set<TopicPartition> all = new HashSet<>(consumer.assignment());
            try {
                if (!tracker.awaitDrained(all, settings.revokeGrace())) {
                    LOG.info("stopping with {} notices in flight; they are re-read on the next start", tracker.inFlight());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            commitSync(all);
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Ready: polling, and the group has given this member its (possibly empty) share. */
    public boolean ready() {
        return running && assigned && System.currentTimeMillis() - lastPollMillis < 15_000;
    }

    public int inFlight() {
        return tracker.inFlight();
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }
}
