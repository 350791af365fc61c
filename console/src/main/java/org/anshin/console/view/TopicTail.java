package org.anshin.console.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.anshin.common.kafka.BatchedReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread reading a set of topics from the beginning, every partition assigned (no group: each
 * console instance holds its whole view, nothing is committed), read_committed so aborted routing transactions
 * never show. Topics missing at start are looked for again every {@link #RECHECK}. It has caught up once when its
 * position reached the end offsets it saw when it (first) assigned them.
 */
public final class TopicTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    static final Duration RECHECK = Duration.ofSeconds(10);
    /** A fetch waits for a megabyte or this long: the most a new notice waits before the board can show it. */
    static final Duration FETCH_MAX_WAIT = Duration.ofMillis(250);

    /** Handles one record on the consumer thread; must not block for long. */
    public interface Handler {
        void handle(ConsumerRecord<byte[], byte[]> record) throws RetryLater;
    }

    /** Thrown by a handler when the record cannot be handled now (registry unreachable): it is read again. */
    public static final class RetryLater extends Exception {
        public RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String name;
    private final Properties props;
    private final List<String> topics;
    private final Handler handler;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean caughtUp;
    private volatile boolean failed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public TopicTail(String name, Map<String, Object> clientProps, List<String> topics, Handler handler) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.props = properties(name, clientProps);
        this.thread = new Thread(this::run, "console-view-" + name);
        thread.setDaemon(true);
    }

    /**
     * The consumer's settings. Batched fetches unless --kafka-config says otherwise: with the defaults (answer as
     * soon as one byte is there) each of the console's three tails over a hundred partitions had a fetch answered
     * per new record. At 80 reports/s, batched, the console's own CPU fell from 120-150 to 20-60 ms/s; the broker's
     * share did not fall measurably (a fetch held for more bytes is still re-checked on every append to its
     * partitions), though stopping the console took a quarter off the broker's CPU. The board is for people: a
     * quarter of a second more is not seen.
     */
    static Properties properties(String name, Map<String, Object> clientProps) {
        Properties props = new Properties();
        props.putAll(BatchedReader.properties(FETCH_MAX_WAIT, clientProps));
        // set last so a --kafka-config file cannot turn them off
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "anshin-console-" + name);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    public TopicTail start() {
        thread.start();
        return this;
    }

    public String name() {
        return name;
    }

    /** The thread runs and has not failed. */
    public boolean alive() {
        return thread.isAlive() && !failed;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            Set<TopicPartition> assigned = new HashSet<>();
            Map<TopicPartition, Long> catchUpTo = new HashMap<>();
            long nextCheck = 0;
            while (running.get()) {
                if (System.nanoTime() >= nextCheck) {
                    List<TopicPartition> added = newPartitions(c, assigned);
                    if (!added.isEmpty()) {
                        assigned.addAll(added);
                        c.assign(assigned);
                        c.seekToBeginning(added);
                        catchUpTo.putAll(c.endOffsets(added, Duration.ofSeconds(30)));
                    }
                    nextCheck = System.nanoTime() + RECHECK.toNanos();
                }
                if (assigned.isEmpty()) {
                    caughtUp = caughtUp || topics.isEmpty();
                    Thread.sleep(200); // nothing to poll yet; the topics may be created later
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    try {
                        handler.handle(r);
                    } catch (RetryLater e) {
                        LOG.warn("view {}: {} at {}-{}@{}; reading it again in 1 s", name, e.getMessage(),
                                r.topic(), r.partition(), r.offset());
                        c.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                        Thread.sleep(1000); // our own thread, not a Streams thread: waiting here blocks nobody
                        break;
                    }
                }
                if (!caughtUp) {
                    caughtUp = catchUpTo.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
                    if (caughtUp) {
                        LOG.info("view {} caught up on {} partition(s)", name, assigned.size());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failed = true;
                LOG.error("view {} woken up unexpectedly", name, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("view {} stopped: {}", name, e.toString(), e);
        }
    }

    private List<TopicPartition> newPartitions(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        Map<String, List<PartitionInfo>> all = c.listTopics(Duration.ofSeconds(30));
        List<TopicPartition> added = new ArrayList<>();
        for (String t : topics) {
            for (PartitionInfo p : all.getOrDefault(t, List.of())) {
                TopicPartition tp = new TopicPartition(t, p.partition());
                if (!assigned.contains(tp)) {
                    added.add(tp);
                }
            }
        }
        return added;
    }

    @Override
    public void close() {
        running.set(false);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
