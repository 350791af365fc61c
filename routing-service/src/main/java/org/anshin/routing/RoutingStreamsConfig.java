package org.anshin.routing;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
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
     * EOS commits a transaction per commit interval: notices become visible to read_committed
     * receivers only then. 100 ms (the EOS default) keeps report-to-notice latency low (p99 well under
     * a second) at the cost of ~10 transactions/s per thread, which a report rate of tens per second
     * easily pays for; raise it for bulk replays.
     */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;

    /**
     * Under EOS nothing is visible before the commit, which flushes the producer anyway: a short linger
     * costs no end-to-end latency and lets one request carry many records.
     */
    static final int PRODUCER_LINGER_MS = 5;
    /**
     * Notices and incident states are ~0.5-1 KB: the 16 KB default closes a batch every ~16 records per
     * partition, one produce request each; 128 KB lets a commit interval's records share a few requests.
     */
    static final int PRODUCER_BATCH_BYTES = 128 * 1024;

    private RoutingStreamsConfig() {
    }

    /**
     * @param meters where the dead-letter handlers count {@code anshin.dead.letters}
     * @param extra  client properties from {@code --kafka-config} (TLS, SASL) and overrides; they win
     */
    public static Map<String, Object> properties(String applicationId, String bootstrap, RoutingConfig config,
                                                 MeterRegistry meters, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
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
        // one bounded RocksDB memory budget for all stores instead of a cache and memtables per store instance
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.putAll(extra);
        return p;
    }
}
