package org.anshin.ingest.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.ReportKeys;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes accepted reports to {@code incidents.reports}, keyed by {@code operatorId/incidentId} ({@link ReportKeys})
 * so that all reports of one operator's incident stay in order on one partition. Drill reports ({@code exercise=true}) go to {@code exercise.incidents.reports}:
 * exercise traffic never touches a real topic (the contract); routing-service reads both.
 */
public final class ReportPublisher implements AutoCloseable {
    /** How long a record waits in the producer for others to share its batch (see {@link #producerSettings}). */
    static final int PRODUCER_LINGER_MS = 1;
    private final Producer<String, SpecificRecord> producer;
    private final String topic;

    public ReportPublisher(Producer<String, SpecificRecord> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** A producer with {@link #producerSettings}; {@code clientProps} bring bootstrap servers and TLS/SASL. */
    public static ReportPublisher create(Map<String, Object> clientProps, Serializer<SpecificRecord> valueSerializer,
                                         String topic, Duration deliveryTimeout, Duration maxBlock) {
        Map<String, Object> props = producerSettings(clientProps, deliveryTimeout, maxBlock);
        return new ReportPublisher(new KafkaProducer<>(props, new StringSerializer(), valueSerializer), topic);
    }

    public static Map<String, Object> producerSettings(Map<String, Object> clientProps, Duration deliveryTimeout,
                                                       Duration maxBlock) {
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anshin-ingest");
        // a 202 promises the report survives the loss of the leader: all in-sync replicas have it
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // retries after a lost ack must not duplicate or reorder an incident's reports on its partition
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // bounds how long a client waits before its 503: the report is either acknowledged or failed by then
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // request timeout must fit inside the delivery timeout together with linger (the producer checks this)
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, deliveryTimeout.toMillis() - 1_000));
        // send() blocks a request thread while metadata is missing (broker down): keep that short, answer 503
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        // every 202 waits for its batch: 1 ms, not the client's default of 5. Measured by ./anshin bench: POST to
        // answer at 100 reports/s p50 7.1 -> 3.3 ms; under load a batch fills while the previous requests are in
        // flight anyway (32 connections: accepted/s 2,424 -> 3,100, CPU per report unchanged within the noise)
        p.put(ProducerConfig.LINGER_MS_CONFIG, PRODUCER_LINGER_MS);
        // JSON-ish Avro text compresses well; lz4 costs little CPU on a 2-core box
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    public String topic() {
        return topic;
    }

    /**
     * Completes when the broker acknowledged the record (acks=all), exceptionally when it did not, including
     * when {@code send} itself fails (metadata timeout, serialization/registry failure).
     */
    public CompletableFuture<RecordMetadata> publish(IncidentReport report) {
        return publish(org.anshin.schemas.Topics.route(topic, report.getExercise()), ReportKeys.of(report), report);
    }

    /**
     * Any other record ingest accepts (an advisory, feedback, a share) on {@code topic}, through the same producer
     * and so with the same acks=all and idempotence: completes when the broker acknowledged it, exceptionally when
     * it did not or could not be sent.
     */
    public CompletableFuture<RecordMetadata> publish(String topic, String key, SpecificRecord value) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (KafkaException | SchemaRegistryException e) {
            // metadata timeout (broker down), or the registry could not give a schema id: nothing was sent
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /**
     * Fetches (or registers) the schema id before the first request: otherwise the first burst of requests
     * all ask the registry at once, and concurrent first registrations of one subject can conflict.
     */
    public static boolean warmUp(Serializer<SpecificRecord> serializer, String topic) {
        IncidentReport sample = IncidentReport.newBuilder().setReportId("00000000-0000-0000-0000-000000000000")
                .setIncidentId("warm-up").setOperatorId("ingest").setReportType(org.anshin.schemas.ReportType.INITIAL)
                .setSector("warm-up").setOccurredAt(java.time.Instant.EPOCH).setDetectedAt(java.time.Instant.EPOCH)
                .setSummary("schema warm-up, never sent").setCause(org.anshin.schemas.Cause.UNKNOWN)
                .setImpact(new org.anshin.schemas.Impact()).setReceivedAt(java.time.Instant.EPOCH).build();
        try {
            serializer.serialize(topic, sample);
            return true;
        } catch (KafkaException | SchemaRegistryException e) {
            return false;
        }
    }

    public Producer<String, SpecificRecord> producer() {
        return producer;
    }

    /** Sends what is buffered and waits for it (bounded by the delivery timeout), then closes. */
    @Override
    public void close() {
        producer.flush();
        producer.close(Duration.ofSeconds(15));
    }
}
