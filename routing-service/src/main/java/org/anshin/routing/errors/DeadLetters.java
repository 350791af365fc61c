package org.anshin.routing.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds a dead-letter record: the original key and value bytes and the original headers, plus
 * <ul>
 *   <li>{@code anshin.dlq.*}: our reason (a {@link DeadLetterReason} label), exception class, message
 *       and source topic/partition/offset;</li>
 *   <li>the {@code __streams.errors.*} headers of Kafka's own dead-letter records (KIP-1034), so
 *       generic Kafka tooling reads ours like the built-in handlers' (those are not used: they cannot
 *       pick the exercise topic, tell bounded reasons apart or count them).</li>
 * </ul>
 * The handlers return these records to Kafka Streams, which sends them through the task's producer:
 * under exactly_once_v2 the dead letter commits atomically with the offset of the record it replaces.
 */
public final class DeadLetters {
    public static final String REASON = org.anshin.schemas.DeadLetterHeaders.REASON;
    public static final String EXCEPTION = org.anshin.schemas.DeadLetterHeaders.EXCEPTION;
    public static final String MESSAGE = org.anshin.schemas.DeadLetterHeaders.MESSAGE;
    public static final String SOURCE_TOPIC = org.anshin.schemas.DeadLetterHeaders.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = org.anshin.schemas.DeadLetterHeaders.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = org.anshin.schemas.DeadLetterHeaders.SOURCE_OFFSET;
    /** For {@link DeadLetterReason#NOTICE_UNWRITABLE}: the topic the unwritable notice was meant for. */
    public static final String OUTPUT_TOPIC = "anshin.dlq.output.topic";

    /** Kafka's own dead-letter headers (KIP-1034, {@code ExceptionHandlerUtils}), same names and content. */
    public static final String STREAMS_EXCEPTION = "__streams.errors.exception";
    public static final String STREAMS_MESSAGE = "__streams.errors.message";
    public static final String STREAMS_STACKTRACE = "__streams.errors.stacktrace";
    public static final String STREAMS_TOPIC = "__streams.errors.topic";
    public static final String STREAMS_PARTITION = "__streams.errors.partition";
    public static final String STREAMS_OFFSET = "__streams.errors.offset";

    /**
     * The dead-letter topic: Kafka's own key (KIP-1034). Kafka ignores it for custom handlers like
     * ours, so ours read it instead of inventing a second key for the same thing.
     */
    public static final String TOPIC_CONFIG = StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG;
    /** Streams config key for the exercise dead-letter topic (drill traffic never reaches a real topic). */
    public static final String EXERCISE_TOPIC_CONFIG = "anshin.dlq.exercise.topic";
    /** Streams config key whose value is the {@link DeadLetterMetrics} instance the handlers count into. */
    public static final String METRICS_CONFIG = "anshin.dlq.metrics";

    private static final int MAX_MESSAGE_CHARS = 2_000;
    private static final int MAX_STACKTRACE_CHARS = 8_000;

    /** What every handler reads from the Streams config in {@code configure}. */
    record Settings(String topic, String exerciseTopic, DeadLetterMetrics metrics) {
        static Settings from(Map<String, ?> configs) {
            Object topic = configs.get(TOPIC_CONFIG);
            if (topic == null || topic.toString().isBlank()) {
                throw new IllegalArgumentException(TOPIC_CONFIG + " is required");
            }
            if (!(configs.get(METRICS_CONFIG) instanceof DeadLetterMetrics metrics)) {
                throw new IllegalArgumentException(METRICS_CONFIG + " must be a " + DeadLetterMetrics.class.getName());
            }
            Object exercise = configs.get(EXERCISE_TOPIC_CONFIG);
            return new Settings(topic.toString(), exercise == null ? topic.toString() : exercise.toString(), metrics);
        }

        String topic(boolean exercise) {
            return exercise ? exerciseTopic : topic;
        }
    }

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value,
                                                        ErrorHandlerContext context, DeadLetterReason reason,
                                                        Exception e) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, context.timestamp(), key, value);
        if (context.headers() != null) {
            for (Header h : context.headers()) {
                r.headers().add(h);
            }
        }
        String message = bounded(String.valueOf(e.getMessage()), MAX_MESSAGE_CHARS);
        add(r, REASON, reason.label());
        add(r, EXCEPTION, e.getClass().getName());
        add(r, MESSAGE, message);
        add(r, SOURCE_TOPIC, String.valueOf(context.topic()));
        add(r, SOURCE_PARTITION, String.valueOf(context.partition()));
        add(r, SOURCE_OFFSET, String.valueOf(context.offset()));
        add(r, STREAMS_EXCEPTION, e.getClass().getName());
        add(r, STREAMS_MESSAGE, message);
        add(r, STREAMS_STACKTRACE, bounded(stackTrace(e), MAX_STACKTRACE_CHARS));
        add(r, STREAMS_TOPIC, String.valueOf(context.topic()));
        add(r, STREAMS_PARTITION, String.valueOf(context.partition()));
        add(r, STREAMS_OFFSET, String.valueOf(context.offset()));
        return r;
    }

    static void add(ProducerRecord<byte[], byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Exception e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String bounded(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
