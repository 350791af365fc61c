package org.anshin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.Samples;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What the registry client and the serde must do against any Confluent-API registry and any broker.
 * Run by {@link RegistryLocalTest} (in-process broker, Apicurio child process) and
 * {@link RegistryContainersTest} (Testcontainers, where Docker is available).
 */
abstract class RegistryContract {

    abstract Infra infra();

    private RestSchemaRegistryClient client() {
        return new RestSchemaRegistryClient(infra().registryUrl());
    }

    @Test
    void registersAndReadsBackById() {
        String subject = infra().uniqueTopic("reg") + "-value";
        RestSchemaRegistryClient client = client();
        int id = client.register(subject, IncidentReport.getClassSchema());

        assertThat(client.register(subject, IncidentReport.getClassSchema())).as("idempotent").isEqualTo(id);
        assertThat(new RestSchemaRegistryClient(infra().registryUrl()).byId(id))
                .as("a fresh client, no cache").isEqualTo(IncidentReport.getClassSchema());
        assertThat(new RestSchemaRegistryClient(infra().registryUrl()).idOf(subject, IncidentReport.getClassSchema()))
                .isEqualTo(id);
    }

    @Test
    void backwardCompatibleEvolutionIsAcceptedAndOldDataReadsWithTheNewClass() {
        String topic = infra().uniqueTopic("evolve");
        String subject = topic + "-value";
        // the "old" writer: IncidentReport without the fields that have defaults
        Schema old = SchemaBuilder.record("IncidentReport").namespace("org.anshin.schemas").fields()
                .requiredString("reportId").requiredString("incidentId").requiredString("operatorId")
                .name("reportType").type(IncidentReport.getClassSchema().getField("reportType").schema()).noDefault()
                .requiredString("sector")
                .name("occurredAt").type(IncidentReport.getClassSchema().getField("occurredAt").schema()).noDefault()
                .name("detectedAt").type(IncidentReport.getClassSchema().getField("detectedAt").schema()).noDefault()
                .requiredString("summary")
                .name("cause").type(IncidentReport.getClassSchema().getField("cause").schema()).noDefault()
                .name("impact").type(IncidentReport.getClassSchema().getField("impact").schema()).noDefault()
                .name("receivedAt").type(IncidentReport.getClassSchema().getField("receivedAt").schema()).noDefault()
                .endRecord();
        RestSchemaRegistryClient client = client();
        int oldId = client.register(subject, old);
        assertThat(client.isCompatible(subject, IncidentReport.getClassSchema())).isTrue();
        int newId = client.register(subject, IncidentReport.getClassSchema());
        assertThat(newId).isNotEqualTo(oldId);

        GenericRecord impact = new GenericData.Record(old.getField("impact").schema());
        impact.put("supplyLossKw", 120_000L);
        GenericRecord record = new GenericData.Record(old);
        record.put("reportId", "r-old");
        record.put("incidentId", "i-old");
        record.put("operatorId", "op");
        record.put("reportType", new GenericData.EnumSymbol(old.getField("reportType").schema(), "INITIAL"));
        record.put("sector", "electricity");
        record.put("occurredAt", 1_000L);
        record.put("detectedAt", 2_000L);
        record.put("summary", "old writer");
        record.put("cause", new GenericData.EnumSymbol(old.getField("cause").schema(), "DISASTER"));
        record.put("impact", impact);
        record.put("receivedAt", 3_000L);

        IncidentReport read = ConfluentAvroSerde.forValue(IncidentReport.class, client, false)
                .deserialize(confluentFrame(oldId, old, record));
        assertThat(read.getReportId()).isEqualTo("r-old");
        assertThat(read.getImpact().getSupplyLossKw()).isEqualTo(120_000L);
        assertThat(read.getTlp().name()).as("default of the new field").isEqualTo("AMBER");
        assertThat(read.getExercise()).isFalse();
    }

    @Test
    void incompatibleChangeIsRefusedNamingTheSubject() {
        String subject = infra().uniqueTopic("incompatible") + "-value";
        RestSchemaRegistryClient client = client();
        client.register(subject, IncidentReport.getClassSchema());
        Schema breaking = SchemaBuilder.record("IncidentReport").namespace("org.anshin.schemas").fields()
                .requiredString("reportId").requiredLong("mandatoryNewField").endRecord();

        assertThat(client.isCompatible(subject, breaking)).isFalse();
        assertThatThrownBy(() -> client.register(subject, breaking))
                .isInstanceOf(SchemaRegistryException.Incompatible.class)
                .hasMessageContaining(subject);
    }

    @Test
    void aChangeOnlyBackwardCompatibleIsRefusedToo() {
        // FULL_TRANSITIVE: a new NoticeType symbol reads every old record, but a subscriber still on the released
        // classes could not read the new one, so the registry must refuse it (a BACKWARD registry would take it)
        String subject = infra().uniqueTopic("forward") + "-value";
        RestSchemaRegistryClient client = client();
        Schema released = org.anshin.schemas.IncidentNotice.getClassSchema();
        client.register(subject, released);
        Schema newSymbol = new Schema.Parser().parse(released.toString()
                .replace("\"symbols\":[\"NEW\"", "\"symbols\":[\"NEW\",\"BRAND_NEW\""));
        assertThat(newSymbol.getField("noticeType").schema().getEnumSymbols()).contains("BRAND_NEW");

        assertThat(client.isCompatible(subject, newSymbol)).isFalse();
        assertThatThrownBy(() -> client.register(subject, newSymbol))
                .isInstanceOf(SchemaRegistryException.Incompatible.class)
                .hasMessageContaining(subject);
    }

    @Test
    void concurrentRegistrationOfTheSameSchemaGivesEveryoneTheSameId() throws Exception {
        String subject = infra().uniqueTopic("race") + "-value";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                // a fresh client each: no shared cache, every call reaches the registry
                ids.add(pool.submit(() -> client().register(subject, IncidentReport.getClassSchema())));
            }
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (java.util.concurrent.Future<Integer> f : ids) {
                distinct.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownIdIsNotFound() {
        assertThatThrownBy(() -> client().byId(987_654))
                .isInstanceOf(SchemaRegistryException.NotFound.class);
    }

    @Test
    void serdeRoundTripsThroughARealTopic() {
        String topic = infra().createUniqueTopics("serde").get(0);
        ConfluentAvroSerde<IncidentReport> serde = ConfluentAvroSerde.forValue(IncidentReport.class, client(), true);
        IncidentReport report = Samples.report("r-topic");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infra().producerProps())) {
            producer.send(new ProducerRecord<>(topic, report.getIncidentId().getBytes(), serde.serialize(topic, report)));
        }
        List<ConsumerRecord<byte[], byte[]>> records = infra().readAtLeast(topic, 1);
        ConfluentAvroSerde<IncidentReport> reader = ConfluentAvroSerde.forValue(IncidentReport.class,
                new RestSchemaRegistryClient(infra().registryUrl()), false);
        assertThat(reader.deserialize(records.get(0).value())).isEqualTo(report);
        assertThat(records.get(0).value()[0]).isZero();
    }

    @Test
    void recordFramedByHandIsRead() throws Exception {
        String subject = infra().uniqueTopic("byhand") + "-value";
        RestSchemaRegistryClient client = client();
        int id = client.register(subject, IncidentReport.getClassSchema());
        IncidentReport report = Samples.report("r-hand");
        // Confluent framing written without our serializer: 0x00, big-endian id, Avro binary
        java.io.ByteArrayOutputStream avro = new java.io.ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(avro, null);
        new org.apache.avro.specific.SpecificDatumWriter<IncidentReport>(IncidentReport.class).write(report, enc);
        enc.flush();
        byte[] framed = ByteBuffer.allocate(5 + avro.size()).put((byte) 0).putInt(id).put(avro.toByteArray()).array();

        assertThat(ConfluentAvroSerde.forValue(IncidentReport.class, client, false).deserialize(framed)).isEqualTo(report);
    }

    @Test
    void unreachableRegistryGivesAClearError() {
        RestSchemaRegistryClient dead = new RestSchemaRegistryClient("http://127.0.0.1:9/apis/ccompat/v7",
                Duration.ofMillis(300), Duration.ofSeconds(1), 2, Duration.ofMillis(10));
        assertThatThrownBy(() -> dead.register("x-value", IncidentReport.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.Unavailable.class)
                .hasMessageContaining("http://127.0.0.1:9/apis/ccompat/v7")
                .hasMessageContaining("unavailable after 2 attempts");
    }

    private static byte[] confluentFrame(int id, Schema schema, GenericRecord record) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, enc);
            enc.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
