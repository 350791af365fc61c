package org.anshin.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumer settings for a reader that need not see each record the moment it is written (the console's board, the
 * notifier's state tailers): a fetch waits for {@value #FETCH_MIN_BYTES} bytes or {@code maxWait}, whichever comes
 * first, instead of being answered on the first byte. With Kafka's defaults each such reader had a fetch answered
 * per new record. Readers that page people (the notifier's notice consumer) keep the defaults.
 */
public final class BatchedReader {
    public static final int FETCH_MIN_BYTES = 1024 * 1024;

    private BatchedReader() {
    }

    /**
     * @param maxWait   fetch.max.wait.ms: the longest a new record waits before the reader sees it
     * @param overrides client properties (a {@code --kafka-config} file) put after the defaults, so they win
     */
    public static Map<String, Object> properties(Duration maxWait, Map<String, ?> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Math.toIntExact(maxWait.toMillis()));
        p.putAll(overrides);
        return p;
    }
}
