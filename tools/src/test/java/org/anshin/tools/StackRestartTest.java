package org.anshin.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.anshin.devstack.ApicurioRegistry;
import org.anshin.devstack.KafkaBroker;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.LocalInfra;
import org.anshin.tools.NoticeReader.TopicNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.tools.report.Review;
import org.anshin.tools.report.ReviewRange;
import org.anshin.tools.report.TableRenderer;
import org.anshin.tools.report.YearOfIncidents;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools against a real broker and a real Apicurio registry, both child JVMs on data directories of their
 * own, as {@code ./anshin up} runs them: records written before a restart of the whole stack are decoded after it,
 * records that cannot be decoded (notices, incident records) are counted and warned about, and only committed
 * transactions are read.
 */
@Tag("infra")
class StackRestartTest {
    @TempDir
    static Path dir;

    static KafkaBroker broker;
    static ApicurioRegistry registry;

    @BeforeAll
    static void startStack() {
        broker = KafkaBroker.builder(dir.resolve("kafka")).start();
        registry = registry().start();
    }

    @AfterAll
    static void stopStack() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static ApicurioRegistry.Builder registry() {
        return ApicurioRegistry.builder(LocalInfra.apicurioDir()).dataDir(dir.resolve("schema-registry"))
                .logFile(dir.resolve("schema-registry-" + UUID.randomUUID() + ".log"));
    }

    @Test
    void recordsWrittenBeforeARestartOfTheWholeStackAreDecodedAfterItAndNewSchemasGetFreshIds() throws Exception {
        String topic = "restart.notices";
        createTopic(topic);
        IncidentNotice written = notice("before-restart", Instant.parse("2026-06-01T00:00:00Z"));
        int writtenWithId;
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            byte[] value = serde().serialize(topic, written);
            writtenWithId = ByteBuffer.wrap(value, 1, 4).getInt();
            producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
        }

        // the whole stack, in ./anshin up's order: registry, then broker; started again on the same directories
        registry.close();
        broker.close();
        broker = KafkaBroker.builder(dir.resolve("kafka")).start();
        registry = registry().start();

        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<TopicNotice> read = new ArrayList<>();
        try (NoticeReader reader = new NoticeReader(clientProps(), registry.ccompatUrl(), print(warnings))) {
            reader.readToEnd(reader.assign(List.of(topic), null), read::add);
            assertThat(reader.undecodable()).as("undecodable; warnings: %s", warnings).isZero();
        }
        assertThat(read).extracting(TopicNotice::notice).containsExactly(written);

        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.ccompatUrl());
        assertThat(client.byId(writtenWithId)).isEqualTo(IncidentNotice.getClassSchema());
        Schema other = SchemaBuilder.record("RegisteredAfterRestart").namespace("org.anshin.test").fields()
                .requiredString("what").endRecord();
        int newId = client.register("after-restart-value", other);
        assertThat(newId).as("an id no record written before the restart names").isNotEqualTo(writtenWithId);

        // killed at once after the registration answered (no orderly shutdown): the schema is on disk all the same
        long pid = registry.pid();
        List<ProcessHandle> tree = new ArrayList<>(registry.process().handle().descendants().toList());
        tree.add(registry.process().handle());
        tree.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
        registry.close();
        registry = registry().start();
        assertThat(registry.pid()).isNotEqualTo(pid);
        RestSchemaRegistryClient afterKill = new RestSchemaRegistryClient(registry.ccompatUrl());
        assertThat(afterKill.byId(newId)).isEqualTo(other);
        assertThat(afterKill.byId(writtenWithId)).isEqualTo(IncidentNotice.getClassSchema());
    }

    @Test
    void reportCountsAndWarnsAboutRecordsItCannotDecodeInsteadOfDroppingThem() throws Exception {
        createTopic(Topics.RECORD);
        ConfluentAvroSerde<IncidentRecord> records = ConfluentAvroSerde.forValue(IncidentRecord.class,
                new RestSchemaRegistryClient(registry.ccompatUrl()), true);
        IncidentRecord readable = YearOfIncidents.incident("readable", "electricity", "2026-06-01T09:00:00.000", true,
                true, Cause.DISASTER, List.of(), null);
        IncidentRecord replaced = YearOfIncidents.incident("replaced", "gas", "2026-06-01T09:00:00.000", true,
                true, Cause.DISASTER, List.of(), null);
        byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            for (ProducerRecord<byte[], byte[]> r : List.of(
                    record(Topics.RECORD, "readable", records.serialize(Topics.RECORD, readable)),
                    record(Topics.RECORD, "not-avro", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)),
                    // a readable value, then one that is not: the incident is unreadable, not its old state
                    record(Topics.RECORD, "replaced", records.serialize(Topics.RECORD, replaced)),
                    record(Topics.RECORD, "replaced", unknownId))) {
                producer.send(r).get(30, TimeUnit.SECONDS);
            }
        }

        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Review review = Review.read(clientProps(), registry.ccompatUrl(), ReviewRange.fiscalYear(2026),
                YearOfIncidents.shippedGrouping(), print(warnings));

        assertThat(review.real().total().counts().reported()).isEqualTo(1);
        assertThat(review.real().sector("electricity").orElseThrow().counts().reported()).isEqualTo(1);
        assertThat(review.real().sector("gas").orElseThrow().counts().reported()).isZero();
        assertThat(review.undecodable()).isEqualTo(2);
        assertThat(review.sources()).filteredOn(s -> s.topic().equals(Topics.RECORD)).singleElement()
                .satisfies(s -> assertThat(s.unreadableIncidents()).isEqualTo(2));
        assertThat(warnings.toString(StandardCharsets.UTF_8))
                .contains("cannot decode the record at " + Topics.RECORD + "-0 offset 1")
                .contains("not Confluent wire format")
                .contains("cannot decode the record at " + Topics.RECORD + "-0 offset 3")
                .contains("unknown schema id 987654");
        assertThat(TableRenderer.render(review))
                .contains("WARNING: 2 records of incidents.record could not be decoded; 2 incidents whose latest"
                        + " value is one of them are in none of the counts")
                .contains("WARNING: topic exercise.incidents.record does not exist");
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void readsOnlyCommittedTransactionsWhateverTheClientPropertiesSay() throws Exception {
        String topic = "transactional.notices";
        createTopic(topic);
        IncidentNotice aborted = notice("aborted", Instant.parse("2026-06-01T00:00:00Z"));
        IncidentNotice committed = notice("committed", Instant.parse("2026-06-01T00:00:00Z"));
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tools-test-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, serde().serialize(topic, aborted))).get(30, TimeUnit.SECONDS);
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, serde().serialize(topic, committed)));
            producer.commitTransaction();
        }

        Map<String, Object> props = new HashMap<>(clientProps());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"); // must not win
        List<TopicNotice> read = new ArrayList<>();
        try (NoticeReader reader = new NoticeReader(props, registry.ccompatUrl(), print(new ByteArrayOutputStream()))) {
            reader.readToEnd(reader.assign(List.of(topic), null), read::add);
            assertThat(reader.undecodable()).isZero();
        }
        assertThat(read).extracting(TopicNotice::notice).containsExactly(committed);
    }

    private static ConfluentAvroSerde<IncidentNotice> serde() {
        return ConfluentAvroSerde.forValue(IncidentNotice.class, new RestSchemaRegistryClient(registry.ccompatUrl()), true);
    }

    private static Map<String, Object> clientProps() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    private static void createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }

    private static IncidentNotice notice(String incident, Instant occurred) {
        return IncidentNotice.newBuilder().setNoticeId(incident + "-" + UUID.randomUUID()).setIncidentId(incident)
                .setSector("electricity").setCeptoarId("electricity").setNoticeType(NoticeType.NEW)
                .setClassification(Classification.EXCEEDS_VERIFICATION_LEVEL).setReason("r").setTlp(Tlp.GREEN)
                .setExercise(false).setCause(Cause.DISASTER).setOccurredAt(occurred)
                .setClassifiedAt(occurred.plusSeconds(60)).build();
    }
}
