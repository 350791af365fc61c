package org.anshin.notifier.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoars;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.NotifierSettings;
import org.anshin.schemas.NoticeKeys;
import org.anshin.notifier.delivery.RetryPolicy;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One isolated notifier deployment on the shared broker and registry: its own config folder (the repo's
 * tables, a ceptoars.yaml whose CEPTOARs under test, electricity by default, have the channels under
 * test), its own topics and group, fast retries.
 */
public final class NotifierHarness implements AutoCloseable {
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(4, Duration.ofMinutes(1), Duration.ofMillis(50),
            Duration.ofMillis(200));

    public final Infra infra;
    public final Path configDir;
    public final String topic;
    public final String deliveries;
    public final String state;
    public final String group;
    public final NotifierSettings settings;
    public final SchemaRegistry registry;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<IncidentNotice> noticeSerializer;

    private final Map<String, String> topics = new HashMap<>();

    /** @param channelsYaml the electricity CEPTOAR's {@code channels:} list, indented by 6 spaces */
    public NotifierHarness(Infra infra, Path dir, String channelsYaml) throws IOException {
        this(infra, dir, Map.of("electricity", channelsYaml));
    }

    /** @param channelsByCeptoar {@code channels:} lists (indented by 6 spaces) of the CEPTOARs under test, by id */
    public NotifierHarness(Infra infra, Path dir, Map<String, String> channelsByCeptoar) throws IOException {
        this.infra = infra;
        this.configDir = dir.resolve("config");
        Files.createDirectories(configDir);
        Path repoConfig = Path.of(System.getProperty("anshin.repo.root", "..")).resolve("config");
        for (String file : List.of("verification-levels.yaml", "operators.yaml", "interdependency.yaml")) {
            Files.copy(repoConfig.resolve(file), configDir.resolve(file));
        }
        this.topic = infra.uniqueTopic("ceptoar.electricity.incidents");
        this.deliveries = infra.uniqueTopic("notifications.deliveries");
        this.state = infra.uniqueTopic("notifications.delivery-state");
        this.group = infra.uniqueTopic("anshin-notifier");
        StringBuilder yaml = new StringBuilder("version: test\nceptoars:\n");
        for (var ceptoar : Ceptoars.load(repoConfig.resolve(Ceptoars.FILE)).byId().values()) {
            String id = ceptoar.id();
            // the repo's topic name (nisc.incidents for NISC), made unique per test
            String t = id.equals("electricity") ? topic : infra.uniqueTopic(ceptoar.topic());
            topics.put(id, t);
            yaml.append("  - id: ").append(id).append('\n').append("    topic: ").append(t).append('\n');
            String channels = channelsByCeptoar.get(id);
            if (channels != null) {
                yaml.append("    channels:\n").append(channels);
                infra.createTopics(new NewTopic(t, 3, (short) 1), new NewTopic(Topics.exercise(t), 3, (short) 1));
            }
        }
        Files.writeString(configDir.resolve(Ceptoars.FILE), yaml.toString());
        this.settings = NotifierSettings.defaults().withRetry(FAST_RETRY)
                .withTopics(group, deliveries, state, infra.uniqueTopic("incidents.dead-letter"))
                .withAlertsFiringTopic(infra.uniqueTopic("notifications.alerts-firing"));
        this.registry = new RestSchemaRegistryClient(infra.registryUrl());
        this.producer = new KafkaProducer<>(infra.producerProps());
        this.noticeSerializer = ConfluentAvroSerde.forValue(IncidentNotice.class, registry, true).serializer();
    }

    public AnshinConfig config() {
        return AnshinConfig.load(configDir);
    }

    public NotifierService start(SimpleMeterRegistry meters) {
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", infra.bootstrapServers());
        return NotifierService.start(config(), kafka, registry, settings, meters);
    }

    /** This test's topic of a CEPTOAR (e.g. the unique twin of {@code nisc.incidents} for "nisc"). */
    public String topicOf(String ceptoarId) {
        return topics.get(ceptoarId);
    }

    /**
     * Publishes notices as routing-service would: keyed by incidentKey, Confluent Avro, to the real or drill
     * topic of the notice's {@code ceptoarId}.
     */
    public void publish(IncidentNotice... notices) throws Exception {
        for (IncidentNotice n : notices) {
            String t = Topics.route(topicOf(n.getCeptoarId()), n.getExercise());
            producer.send(new ProducerRecord<>(t, NoticeKeys.incidentKey(n).getBytes(), noticeSerializer.serialize(t, n)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    public void publishRaw(byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "bad".getBytes(), value)).get(30, TimeUnit.SECONDS);
    }

    /** Receipts read back from the (real or drill) deliveries topic until {@code done} holds. */
    public List<DeliveryReceipt> receipts(boolean exercise, java.util.function.Predicate<List<DeliveryReceipt>> done) {
        String t = Topics.route(deliveries, exercise);
        var deserializer = ConfluentAvroSerde.forValue(DeliveryReceipt.class, registry, false).deserializer();
        List<ConsumerRecord<byte[], byte[]>> records = infra.readUntil(t,
                rs -> done.test(rs.stream().map(r -> deserializer.deserialize(t, r.value())).toList()),
                Duration.ofSeconds(60));
        return records.stream().map(r -> deserializer.deserialize(t, r.value())).toList();
    }

    /** The record {@link #publish} would write for this notice (for transactional producers of a test). */
    public ProducerRecord<byte[], byte[]> record(IncidentNotice n) {
        String t = Topics.route(topicOf(n.getCeptoarId()), n.getExercise());
        return new ProducerRecord<>(t, NoticeKeys.incidentKey(n).getBytes(), noticeSerializer.serialize(t, n));
    }

    /** Writes raw bytes to a topic; returns where they went. */
    public org.apache.kafka.clients.producer.RecordMetadata publishRaw(String topic, byte[] key, byte[] value)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** The notifier's Kafka client settings for this harness's broker. */
    public Map<String, Object> kafka() {
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", infra.bootstrapServers());
        return kafka;
    }

    /** The group's committed offset of a partition, -1 if none. */
    public long committed(String topic, int partition) throws Exception {
        var offsets = infra.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        var o = offsets.get(new org.apache.kafka.common.TopicPartition(topic, partition));
        return o == null ? -1 : o.offset();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
