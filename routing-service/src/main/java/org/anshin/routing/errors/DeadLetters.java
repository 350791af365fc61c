package org.anshin.routing.errors;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Builds a dead-letter record: the original key and value bytes, the reason in {@code anshin.dlq.*} headers. */
public final class DeadLetters {
    public static final String REASON = "anshin.dlq.reason";
    public static final String EXCEPTION = "anshin.dlq.exception";
    public static final String MESSAGE = "anshin.dlq.message";
    public static final String SOURCE_TOPIC = "anshin.dlq.source.topic";
    public static final String SOURCE_PARTITION = "anshin.dlq.source.partition";
    public static final String SOURCE_OFFSET = "anshin.dlq.source.offset";
    /** Streams config key for the dead-letter topic the handlers write to. */
    public static final String TOPIC_CONFIG = "anshin.dlq.topic";
    /** Streams config key for the exercise dead-letter topic (drill traffic never reaches a real topic). */
    public static final String EXERCISE_TOPIC_CONFIG = "anshin.dlq.exercise.topic";

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value,
                                                        ErrorHandlerContext context, String reason, Exception e) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, context.timestamp(), key, value);
        if (context.headers() != null) {
            for (Header h : context.headers()) {
                r.headers().add(h);
            }
        }
        add(r, REASON, reason);
        add(r, EXCEPTION, e.getClass().getName());
        add(r, MESSAGE, String.valueOf(e.getMessage()));
        add(r, SOURCE_TOPIC, String.valueOf(context.topic()));
        add(r, SOURCE_PARTITION, String.valueOf(context.partition()));
        add(r, SOURCE_OFFSET, String.valueOf(context.offset()));
        return r;
    }

    private static void add(ProducerRecord<byte[], byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
