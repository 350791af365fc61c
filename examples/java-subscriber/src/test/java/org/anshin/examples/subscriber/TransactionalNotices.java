package org.anshin.examples.subscriber;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes notices as routing does: a transactional producer, String keys (incidentKey, advisoryId), values Avro in
 * the Confluent wire format registered under {@code <topic>-value}; {@link #abort} writes a transaction that is
 * aborted, whose records a read_committed subscriber must never see.
 */
final class TransactionalNotices implements AutoCloseable {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final KafkaProducer<String, byte[]> producer;
    private final ConfluentAvroSerde<IncidentNotice> notices;
    private final ConfluentAvroSerde<AdvisoryNotice> advisories;

    TransactionalNotices(Infra infra) {
        Map<String, Object> config = new HashMap<>(infra.producerProps());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "example-routing-" + UUID.randomUUID());
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(infra.registryUrl());
        notices = ConfluentAvroSerde.forValue(IncidentNotice.class, registry, true);
        advisories = ConfluentAvroSerde.forValue(AdvisoryNotice.class, registry, true);
    }

    void commit(String topic, List<IncidentNotice> batch) {
        producer.beginTransaction();
        send(topic, batch);
        producer.commitTransaction();
    }

    void abort(String topic, List<IncidentNotice> batch) {
        producer.beginTransaction();
        send(topic, batch);
        producer.flush(); // on the log before the abort marker: the reader must skip them, not just not get them
        producer.abortTransaction();
    }

    void commitAdvisory(String topic, AdvisoryNotice advisory) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, advisory.getAdvisoryId(), advisories.serialize(topic, advisory)));
        producer.commitTransaction();
    }

    private void send(String topic, List<IncidentNotice> batch) {
        for (IncidentNotice n : batch) {
            producer.send(new ProducerRecord<>(topic, n.getIncidentKey(), notices.serialize(topic, n)));
        }
    }

    static IncidentNotice notice(String noticeId, String incidentKey, NoticeType type) {
        return IncidentNotice.newBuilder()
                .setNoticeId(noticeId)
                .setIncidentId("e-" + incidentKey)
                .setIncidentKey(incidentKey)
                .setSector("gas")
                .setCeptoarId("gas")
                .setNoticeType(type)
                .setClassification(Classification.EXCEEDS_VERIFICATION_LEVEL)
                .setReason("supply loss above the verification level")
                .setTlp(Tlp.AMBER)
                .setOccurredAt(T0)
                .setClassifiedAt(T0.plusSeconds(60))
                .build();
    }

    static AdvisoryNotice advisory(String noticeId, String advisoryId) {
        return AdvisoryNotice.newBuilder()
                .setNoticeId(noticeId)
                .setAdvisoryId(advisoryId)
                .setRecipient("gas")
                .setIssuerId("nisc-duty")
                .setIssuerRole("NISC")
                .setTitle("Phishing campaign against operators")
                .setBody("Details in the attached indicators.")
                .setSeverity(AdvisorySeverity.WARNING)
                .setTlp(Tlp.GREEN)
                .setIssuedAt(T0)
                .build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
