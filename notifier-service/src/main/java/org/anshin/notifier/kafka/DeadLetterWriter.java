package org.anshin.notifier.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes unreadable notice records to the notifier's dead-letter topic ({@code exercise.}-prefixed for
 * records read from a drill topic) off the poll thread. A write that fails is tried again a bounded number
 * of times; after the last one it is counted and logged with the record's source offset and the record is
 * let go: a dead-letter topic that cannot be written must never pin the partition's committed offset (the
 * record stays in its source topic, readable by offset).
 */
public final class DeadLetterWriter implements AutoCloseable {
    /** Longest message header value: an exception message can quote a whole record. */
    static final int MAX_MESSAGE_CHARS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final int maxAttempts;
    private final Duration backoff;
    private final Runnable onGiveUp;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "anshin-notifier-dead-letters");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param topic     the real dead-letter topic; records from {@code exercise.*} topics go to its twin
     * @param onGiveUp  called once per record given up after {@code maxAttempts} (a counter)
     */
    public DeadLetterWriter(Producer<String, byte[]> producer, String topic, int maxAttempts, Duration backoff,
                            Runnable onGiveUp) {
        this.producer = producer;
        this.topic = topic;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.onGiveUp = onGiveUp;
    }

    /** The dead-letter topic for a record read from {@code sourceTopic}. */
    public String topicFor(String sourceTopic) {
        return Topics.route(topic, sourceTopic.startsWith(Topics.EXERCISE_PREFIX));
    }

    /**
     * Sends the record's key and value with the reason headers; {@code settled} runs once, when the broker
     * acknowledged it (true) or when it was given up (false). Never blocks the caller.
     */
    public void write(ConsumerRecord<String, byte[]> r, NoticeDeadLetterReason reason, Exception error,
                      Consumer<Boolean> settled) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topicFor(r.topic()), r.key(), r.value());
        header(out, org.anshin.schemas.DeadLetterHeaders.REASON, reason.label());
        header(out, org.anshin.schemas.DeadLetterHeaders.EXCEPTION, error.getClass().getName());
        String message = String.valueOf(error.getMessage());
        header(out, org.anshin.schemas.DeadLetterHeaders.MESSAGE, message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS) : message);
        header(out, org.anshin.schemas.DeadLetterHeaders.SOURCE_TOPIC, r.topic());
        header(out, org.anshin.schemas.DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(r.partition()));
        header(out, org.anshin.schemas.DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(r.offset()));
        String where = r.topic() + "-" + r.partition() + "@" + r.offset();
        schedule(() -> attempt(out, where, 1, settled), 0);
    }

    private void attempt(ProducerRecord<String, byte[]> out, String where, int attempt, Consumer<Boolean> settled) {
        try {
            producer.send(out, (md, error) -> {
                if (error == null) {
                    settled.accept(true);
                } else {
                    failed(out, where, attempt, settled, error);
                }
            });
        } catch (RuntimeException e) {
            // send() throws rather than calling back when metadata never came (max.block.ms) or the producer is closed
            failed(out, where, attempt, settled, e);
        }
    }

    private void failed(ProducerRecord<String, byte[]> out, String where, int attempt, Consumer<Boolean> settled,
                        Throwable error) {
        if (attempt < maxAttempts && !executor.isShutdown()) {
            LOG.warn("dead-lettering {} to {} failed (attempt {} of {}, retrying): {}", where, out.topic(), attempt,
                    maxAttempts, error.toString());
            schedule(() -> attempt(out, where, attempt + 1, settled), backoff.toMillis() * attempt);
        } else {
            onGiveUp.run();
            LOG.error("could not dead-letter {} to {} after {} attempt(s): {}; moving on, the record stays at {} in "
                    + "its source topic", where, out.topic(), attempt, error.toString(), where);
            settled.accept(false);
        }
    }

    private void schedule(Runnable task, long delayMs) {
        try {
            executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run(); // closing: one last try on the caller's thread, then the give-up path
        }
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
