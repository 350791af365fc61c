package org.anshin.notifier.alerting;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firing list on its compacted topic, written with the receipts' idempotent producer (acks=all). Every record
 * carries the writing process's id in a header, so its own tailer skips what it wrote itself (its memory is already
 * newer) and applies only what other instances, or its own previous run, wrote.
 */
public final class KafkaFiringLog implements FiringLog {
    public static final String WRITER_HEADER = "anshin.writer";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaFiringLog.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final byte[] writer;

    public KafkaFiringLog(Producer<String, byte[]> producer, String topic, String writerId) {
        this.producer = producer;
        this.topic = topic;
        this.writer = writerId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void put(String key, byte[] value) {
        send(key, value);
    }

    @Override
    public void delete(String key) {
        send(key, null);
    }

    private void send(String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WRITER_HEADER, writer);
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers), (md, e) -> {
                if (e != null) {
                    // the alert is still kept by this instance; only a restart before the next write forgets it
                    LOG.warn("could not write {} of {} to {}: {}", value == null ? "the end" : "the firing alert", key,
                            topic, e.toString());
                }
            });
        } catch (KafkaException e) {
            LOG.warn("could not write {} to {}: {}", key, topic, e.toString());
        }
    }
}
