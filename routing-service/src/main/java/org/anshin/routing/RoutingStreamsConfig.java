package org.anshin.routing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.anshin.routing.errors.DeadLetterDeserializationHandler;
import org.anshin.routing.errors.DeadLetterMetrics;
import org.anshin.routing.errors.DeadLetterProductionHandler;
import org.anshin.routing.errors.DeadLetterProcessingHandler;
import org.anshin.routing.errors.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams settings of routing-service, each chosen here once with its reason. */
public final class RoutingStreamsConfig {
    public static final String DEFAULT_APPLICATION_ID = "anshin-routing";
    /**
     * EOS commits a transaction per commit interval, and notices become visible to read_committed receivers only
     * then, so the interval is a floor under report-to-page latency. 10 ms, not the EOS default of 100: measured by
     * {@code ./anshin bench} at 100 reports/s, POST to notice visible on nisc.incidents went from p50 80 / p99 176 ms
     * (100 ms) to p50 34 / p99 142 ms (20 ms), the notifier adding 3-4 ms; from 20 to 10 ms, routing's share of it
     * (answered -> visible) went from p50 16 / p99 41 ms to p50 12 / p99 35 ms. Under load the interval stops mattering:
     * a commit then takes 25-35 ms on a loaded 2-core machine, and the stream thread commits back to back, each
     * transaction carrying everything that arrived meanwhile. Raise it (--commit-interval) for bulk replays.
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(10);
    public static final Duration MIN_COMMIT_INTERVAL = Duration.ofMillis(5);
    /** Below the transaction timeout ({@link #TRANSACTION_TIMEOUT_MS}) with room for a poll's processing. */
    public static final Duration MAX_COMMIT_INTERVAL = Duration.ofSeconds(5);
    /** poll.ms's default: Streams waits this long in poll when idle, and only commits after the poll returns. */
    static final long DEFAULT_POLL_MS = 100;

    /**
     * Under EOS nothing is visible before the commit, which flushes the producer anyway, so a linger longer than the
     * commit interval costs no end-to-end latency: each commit sends one produce request per broker with everything
     * since the last one (a full 128 KB batch still goes at once). With 5 ms the producer sent a request every 5 ms
     * whatever the commit interval: about 100 requests/s at 100 reports/s, each costing the 2-core broker ~1 ms.
     */
    static final int PRODUCER_LINGER_MS = 1_000;
    /**
     * Notices and incident states are ~0.5-1 KB: the 16 KB default closes a batch every ~16 records per
     * partition, one produce request each; 128 KB lets a commit interval's records share a few requests.
     */
    static final int PRODUCER_BATCH_BYTES = 128 * 1024;

    /**
     * max.task.idle.ms: disabled (-1) rather than the default 0. With 0, every time a task with an empty input
     * partition is asked whether it can process, Kafka Streams 4.3 builds its idling log message with String.format for
     * each empty partition (PartitionGroup.readyToProcess, KAFKA-19682), logged or not. Our tasks read several topics
     * each (reports and drill reports; the record's entries, receipts, shares and acknowledgements, real and drill),
     * most of them empty at any moment: in a JFR profile under the bench's load that formatting was 17 % of the
     * routing JVM's samples. What the default buys, waiting for a partition whose data is known to be on the broker so
     * that topics are interleaved by timestamp, these inputs do not need: each later input is caused by an earlier
     * output of this application (a receipt by a notice, an acknowledgement or share by a record the console showed,
     * feedback by a delivered advisory), and a receipt that still overtakes its incident's entry is kept in a stub
     * record (RecordFold). Order within a partition, the order that matters, is Kafka's either way.
     */
    static final long MAX_TASK_IDLE_MS = StreamsConfig.MAX_TASK_IDLE_MS_DISABLED;

    /*
     * Recovery after a crash (issue #11). How the timeouts fit together:
     *
     * - Static membership: with an instance id, each stream thread's consumer joins with
     *   group.instance.id = "<id>-<thread index>" (Kafka Streams appends the index). A restarted instance with
     *   the same id takes the dead member's place at once instead of waiting for the coordinator to expire the
     *   dead member's session (45 s by default). Measured by KilledInstanceRejoinsTest (SIGKILL mid-stream, restart
     *   in a new JVM on the same state directory, start to first notice of a new report): 47.6 s without an
     *   instance id, 4.8 s with one.
     * - session.timeout.ms (STATIC_SESSION_TIMEOUT_MS): with static membership this is how long the group keeps
     *   a dead member's partitions for it before giving them to the others. It must ride out a supervised
     *   restart: the launcher's first back-off (1 s) plus a JVM start (5-8 s on a loaded 2-core machine, 13 s
     *   measured at load 9), and it bounds how long an instance that never comes back leaves its partitions
     *   idle: alerts wait that long. 30 s, the same as the notifier's: the fault suite measured 58 s of
     *   report-to-webhook delay with 60 s when one of two instances was killed for good. A crash loop whose
     *   back-off grows past 30 s rebalances, which is then the right thing. A clean close with static
     *   membership sends no LeaveGroup either, so a rolling restart does not move partitions at all. Without an
     *   instance id (dynamic membership) the default of 45 s stays: nothing would rejoin under the old name.
     * - heartbeat.interval.ms stays at the 3 s default (well under a third of the session timeout).
     * - Exactly-once: the transactional.id is "<application.id>-<process id>-<thread index>", and Kafka Streams
     *   keeps the process id in the state directory (kafka-streams-process-metadata). A restart on the same
     *   state directory therefore calls initTransactions with the dead producer's transactional.id: the epoch
     *   is bumped, the old producer is fenced and its open transaction aborted at once; nothing waits for
     *   transaction.timeout.ms.
     * - transaction.timeout.ms (TRANSACTION_TIMEOUT_MS, 10 s, the Streams EOS default, set explicitly): it must
     *   exceed commit.interval.ms (10 ms by default, at most 5 s; Streams refuses a smaller timeout) plus the longest processing between
     *   two commits (a poll's worth of reports, a schema registry round trip). It only matters when a dead
     *   producer's transactional.id never comes back (the state directory was lost): its open transaction
     *   then blocks read_committed readers of the notice topics and the new instance's committed-offset fetch
     *   until the broker aborts it, i.e. up to this timeout plus the broker's abort check interval
     *   (transaction.abort.timed.out.transaction.cleanup.interval.ms; devstack's broker checks every second).
     */
    /** session.timeout.ms with static membership: long enough to ride a supervised restart (see above). */
    static final int STATIC_SESSION_TIMEOUT_MS = 30_000;
    /** transaction.timeout.ms under exactly_once_v2 (see above). */
    static final int TRANSACTION_TIMEOUT_MS = 10_000;

    private RoutingStreamsConfig() {
    }

    /**
     * commit.interval.ms, and poll.ms no longer than it: an idle stream thread blocks in poll for poll.ms (100 ms by
     * default) and commits only after the poll returns, so with the default poll.ms a report arriving after a quiet
     * spell would wait up to 100 ms for its commit whatever the interval.
     *
     * @throws IllegalArgumentException outside [{@link #MIN_COMMIT_INTERVAL}, {@link #MAX_COMMIT_INTERVAL}]
     */
    public static Map<String, Object> commitTiming(Duration interval) {
        if (interval.compareTo(MIN_COMMIT_INTERVAL) < 0 || interval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
            throw new IllegalArgumentException("--commit-interval must be between " + MIN_COMMIT_INTERVAL + " and "
                    + MAX_COMMIT_INTERVAL + " (under the transaction timeout of " + TRANSACTION_TIMEOUT_MS + " ms), got "
                    + interval);
        }
        long ms = interval.toMillis();
        return Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ms,
                StreamsConfig.POLL_MS_CONFIG, Math.min(ms, DEFAULT_POLL_MS));
    }

    /**
     * @param meters where the dead-letter handlers count {@code anshin.dead.letters}
     * @param extra  client properties from {@code --kafka-config} (TLS, SASL) and overrides; they win
     */
    public static Map<String, Object> properties(String applicationId, String bootstrap, RoutingConfig config,
                                                 MeterRegistry meters, Map<String, Object> extra) {
        return properties(applicationId, bootstrap, config, meters, Optional.empty(), extra);
    }

    /**
     * @param instanceId this instance's stable name in the group ({@code --instance-id}); empty for dynamic
     *                   membership. It must be unique among the application's running instances: a second
     *                   instance with the same id fences the first.
     */
    public static Map<String, Object> properties(String applicationId, String bootstrap, RoutingConfig config,
                                                 MeterRegistry meters, Optional<String> instanceId,
                                                 Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, MAX_TASK_IDLE_MS);
        p.putAll(commitTiming(DEFAULT_COMMIT_INTERVAL));
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        // the handlers are instantiated by Kafka Streams: they get their meters through the config map
        p.put(DeadLetters.METRICS_CONFIG, new DeadLetterMetrics(meters));
        p.put(DeadLetters.TOPIC_CONFIG, config.deadLetterTopic(false));
        p.put(DeadLetters.EXERCISE_TOPIC_CONFIG, config.deadLetterTopic(true));
        // reports are produced keyed by incidentId; resetting to earliest replays what arrived before the first start
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER_MS);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        // the "streams" rebalance protocol (KIP-1071) refuses group.instance.id; classic is the 4.3 default,
        // pinned here because static membership depends on it
        p.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), TRANSACTION_TIMEOUT_MS);
        instanceId.ifPresent(id -> {
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id);
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), STATIC_SESSION_TIMEOUT_MS);
        });
        // one bounded RocksDB memory budget for all stores instead of a cache and memtables per store instance
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.putAll(extra);
        return p;
    }
}
