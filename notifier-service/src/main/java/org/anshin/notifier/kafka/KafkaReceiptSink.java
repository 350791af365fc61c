package org.anshin.notifier.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.anshin.notifier.delivery.DeliveryLedger;
import org.anshin.notifier.delivery.ReceiptSink;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Receipts to {@code notifications.deliveries} (or its {@code exercise.} twin), keyed by noticeId; final
 * outcomes also to the compacted state topic keyed {@code noticeId|channelId}. One idempotent producer
 * (acks=all) for both; the future completes when the broker has acknowledged everything.
 */
public final class KafkaReceiptSink implements ReceiptSink {
    private final Producer<String, byte[]> producer;
    private final Serializer<DeliveryReceipt> serializer;
    private final String deliveriesTopic;
    private final String stateTopic;
    private final AtomicLong lastFailureMillis = new AtomicLong();
    private final boolean keyByIncidentId;

    /** Receipts keyed by noticeId ({@code notifications.deliveries}). */
    public KafkaReceiptSink(Producer<String, byte[]> producer, Serializer<DeliveryReceipt> serializer,
                            String deliveriesTopic, String stateTopic) {
        this(producer, serializer, deliveriesTopic, stateTopic, false);
    }

    /**
     * Advisories' receipts ({@code advisories.deliveries}) keyed by advisoryId (their incidentId), the key of
     * {@code advisories} and {@code advisories.record}: routing folds them into the record without a repartition.
     */
    public static KafkaReceiptSink forAdvisories(Producer<String, byte[]> producer, Serializer<DeliveryReceipt> serializer,
                                                 String deliveriesTopic, String stateTopic) {
        return new KafkaReceiptSink(producer, serializer, deliveriesTopic, stateTopic, true);
    }

    private KafkaReceiptSink(Producer<String, byte[]> producer, Serializer<DeliveryReceipt> serializer,
                             String deliveriesTopic, String stateTopic, boolean keyByIncidentId) {
        this.keyByIncidentId = keyByIncidentId;
        this.producer = producer;
        this.serializer = serializer;
        this.deliveriesTopic = deliveriesTopic;
        this.stateTopic = stateTopic;
    }

    /**
     * The state record goes first: it is what prevents a re-send, so it must not depend on the receipt's
     * serialization (which can fail while the registry is unreachable).
     */
    @Override
    public CompletableFuture<Void> write(DeliveryReceipt receipt, boolean settles) {
        CompletableFuture<Void> stateAcked = CompletableFuture.completedFuture(null);
        if (settles) {
            String key = DeliveryLedger.key(receipt.getNoticeId(), receipt.getChannel());
            byte[] value = receipt.getOutcome().name().getBytes(StandardCharsets.UTF_8);
            stateAcked = send(new ProducerRecord<>(stateTopic, key, value));
        }
        String topic = Topics.route(deliveriesTopic, receipt.getExercise());
        byte[] bytes;
        try {
            bytes = serializer.serialize(topic, receipt);
        } catch (RuntimeException e) {
            lastFailureMillis.set(System.currentTimeMillis());
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> receiptAcked = send(new ProducerRecord<>(topic,
                keyByIncidentId ? receipt.getIncidentId() : receipt.getNoticeId(), bytes));
        return CompletableFuture.allOf(stateAcked, receiptAcked);
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    lastFailureMillis.set(System.currentTimeMillis());
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // send() throws (rather than calling back) for closed producers and oversized or unserializable records
            lastFailureMillis.set(System.currentTimeMillis());
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Epoch millis of the last failed write, 0 if none: readiness reports a producer in trouble. */
    public long lastFailureMillis() {
        return lastFailureMillis.get();
    }
}
