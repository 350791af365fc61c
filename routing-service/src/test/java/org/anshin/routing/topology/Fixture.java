package org.anshin.routing.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.anshin.common.config.AnshinConfig;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.RoutingStreamsConfig;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Cause;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.Impact;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.registry.InMemorySchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver over the real topology and the repository's config, with report builders. */
public final class Fixture implements AutoCloseable {
    public static final AnshinConfig ANSHIN = AnshinConfig.load(Path.of("../config"));
    public static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    /** The pseudonym key of the tests (production reads it from --pseudonym-key). */
    public static final String PSEUDONYM_KEY = "test-pseudonym-key-0123456789";
    public final RoutingConfig config;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, IncidentReport> reports;
    public final TestInputTopic<byte[], byte[]> rawReports;
    public final TestInputTopic<String, IncidentReport> exerciseReports;
    private final ConfluentAvroSerde<IncidentNotice> noticeSerde =
            ConfluentAvroSerde.forValue(IncidentNotice.class, registry, false);
    /** Advisories, feedback and advisory receipts (index 0 real, 1 exercise), and shares, as ingest and the notifier write them. */
    public final List<TestInputTopic<String, Advisory>> advisories = new ArrayList<>();
    public final List<TestInputTopic<String, AdvisoryFeedback>> feedback = new ArrayList<>();
    public final List<TestInputTopic<String, DeliveryReceipt>> advisoryReceipts = new ArrayList<>();
    public final List<TestInputTopic<String, IncidentShare>> shares = new ArrayList<>();
    public final List<TestInputTopic<String, IncidentAcknowledgement>> acks = new ArrayList<>();

    public Fixture() {
        this(RoutingConfig.from(ANSHIN));
    }

    public Fixture(RoutingConfig base) {
        config = base.withPseudonyms(org.anshin.routing.fanout.Pseudonyms.fromKey(PSEUDONYM_KEY));
        Properties props = new Properties();
        props.putAll(RoutingStreamsConfig.properties("routing-test", "dummy:9092", config, meters, Map.of()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        // TopologyTestDriver models no transactions, and under EOS it drops the dead-letter records that
        // the deserialization handler sends; the integration test checks them under real EOS
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once");
        driver = new TopologyTestDriver(RoutingTopology.buildTopology(config, registry, true, meters), props, T0);
        var reportSerde = ConfluentAvroSerde.forValue(IncidentReport.class, registry, true);
        reports = driver.createInputTopic(config.reportsTopic(), Serdes.String().serializer(),
                reportSerde.serializer(), T0, Duration.ZERO);
        rawReports = driver.createInputTopic(config.reportsTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
                T0, Duration.ZERO);
        exerciseReports = driver.createInputTopic(config.exerciseReportsTopic(), Serdes.String().serializer(),
                reportSerde.serializer(), T0, Duration.ZERO);
        var advisorySerde = ConfluentAvroSerde.forValue(Advisory.class, registry, true);
        var feedbackSerde = ConfluentAvroSerde.forValue(AdvisoryFeedback.class, registry, true);
        var receiptSerde = ConfluentAvroSerde.forValue(DeliveryReceipt.class, registry, true);
        var shareSerde = ConfluentAvroSerde.forValue(IncidentShare.class, registry, true);
        var ackSerde = ConfluentAvroSerde.forValue(IncidentAcknowledgement.class, registry, true);
        for (boolean exercise : new boolean[] {false, true}) {
            advisories.add(driver.createInputTopic(config.advisoriesTopic(exercise), Serdes.String().serializer(),
                    advisorySerde.serializer(), T0, Duration.ZERO));
            feedback.add(driver.createInputTopic(config.advisoryFeedbackTopic(exercise), Serdes.String().serializer(),
                    feedbackSerde.serializer(), T0, Duration.ZERO));
            advisoryReceipts.add(driver.createInputTopic(config.advisoryDeliveriesTopic(exercise),
                    Serdes.String().serializer(), receiptSerde.serializer(), T0, Duration.ZERO));
            shares.add(driver.createInputTopic(config.sharesTopic(exercise), Serdes.String().serializer(),
                    shareSerde.serializer(), T0, Duration.ZERO));
            acks.add(driver.createInputTopic(config.acknowledgementsTopic(exercise), Serdes.String().serializer(),
                    ackSerde.serializer(), T0, Duration.ZERO));
        }
    }

    private static Path stateDir() {
        try {
            return java.nio.file.Files.createTempDirectory("routing-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The serde the input topic writes reports with (to decode dead-letter values). */
    public ConfluentAvroSerde<IncidentReport> reportSerdeForTest() {
        return ConfluentAvroSerde.forValue(IncidentReport.class, registry, false);
    }

    public void send(IncidentReport r, Instant at) {
        reports.pipeInput(org.anshin.schemas.ReportKeys.of(r), r, at);
    }

    /** Every notice on every notice topic (real and exercise), in output order per topic. */
    public List<IncidentNotice> notices(String topic) {
        List<IncidentNotice> out = new ArrayList<>();
        var t = driver.createOutputTopic(topic, Serdes.String().deserializer(), noticeSerde.deserializer());
        t.readValuesToList().forEach(out::add);
        return out;
    }

    public List<IncidentNotice> drainAll() {
        List<IncidentNotice> out = new ArrayList<>();
        for (String topic : driver.producedTopicNames()) {
            // notice topics only: not dead letters, changelogs, records, repartitions nor advisory topics
            if (!topic.contains("dead-letter") && !topic.contains("changelog") && !topic.contains("record")
                    && !topic.contains("repartition") && !topic.contains("advisor")) {
                out.addAll(notices(topic));
            }
        }
        return out;
    }

    /** Every value written to a topic so far, as {@code type}, in order. */
    public <T extends org.apache.avro.specific.SpecificRecord> List<T> read(String topic, Class<T> type) {
        var serde = ConfluentAvroSerde.forValue(type, registry, false);
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), serde.deserializer()).readValuesToList();
    }

    /** Pipes an advisory on its topic (real or exercise, as it says), keyed by its advisoryId. */
    public void send(Advisory a) {
        advisories.get(a.getExercise() ? 1 : 0).pipeInput(a.getAdvisoryId(), a, a.getIssuedAt());
    }

    public void send(AdvisoryFeedback fb) {
        feedback.get(fb.getExercise() ? 1 : 0).pipeInput(fb.getAdvisoryId(), fb, fb.getAt());
    }

    /** An advisory receipt as the notifier writes it: keyed by noticeId, incidentId = advisoryId. */
    public void send(DeliveryReceipt r) {
        advisoryReceipts.get(r.getExercise() ? 1 : 0).pipeInput(r.getNoticeId(), r, r.getAttemptedAt());
    }

    public void send(IncidentShare s) {
        shares.get(s.getExercise() ? 1 : 0).pipeInput(s.getIncidentKey(), s, s.getAt());
    }

    public void send(IncidentAcknowledgement a) {
        acks.get(a.getExercise() ? 1 : 0).pipeInput(a.getIncidentKey(), a, a.getAt());
    }

    /** An acknowledgement of {@code incidentKey} by secretariat {@code by} (its ackId from the three). */
    public static IncidentAcknowledgement ack(String incidentKey, String by, Instant at) {
        return IncidentAcknowledgement.newBuilder().setAckId(incidentKey + "|" + by + "|" + at.toEpochMilli())
                .setIncidentKey(incidentKey).setBy(by).setByName("secretariat of " + by).setNote("on it")
                .setExercise(false).setAt(at).build();
    }

    /** A GREEN INFO advisory from NISC to these sectors ({@code "all"}: every sector), issued at T0. */
    public static Advisory.Builder advisory(String advisoryId, String... sectors) {
        boolean all = List.of(sectors).contains("all");
        return Advisory.newBuilder().setAdvisoryId(advisoryId).setIssuerId("nisc").setIssuerRole("nisc")
                .setTitle("title of " + advisoryId).setBody("body of " + advisoryId)
                .setSeverity(AdvisorySeverity.INFO).setTlp(Tlp.GREEN).setAllSectors(all)
                .setSectors(all ? List.of() : List.of(sectors)).setReferences(List.of("https://example.org/a"))
                .setRelatedIncidentIds(List.of()).setExercise(false).setExpiresAt(null).setIssuedAt(T0);
    }

    public static AdvisoryFeedback answer(String advisoryId, String operatorId, boolean useful, Instant at) {
        return AdvisoryFeedback.newBuilder().setFeedbackId(UUID.randomUUID().toString()).setAdvisoryId(advisoryId)
                .setOperatorId(operatorId).setUseful(useful).setActionTaken("patched").setComment("")
                .setExercise(false).setAt(at).build();
    }

    public static IncidentShare share(String incidentKey, String from, String to, Instant at) {
        return IncidentShare.newBuilder().setShareId(incidentKey + "|" + from + "|" + to).setIncidentKey(incidentKey)
                .setFromCeptoar(from).setToCeptoar(to).setNote("note").setExercise(false).setAt(at).build();
    }

    /** The stored state of the (only) incident with this incidentId, or null. */
    public org.anshin.routing.incident.IncidentState state(String incidentId) {
        org.apache.kafka.streams.state.KeyValueStore<String, org.anshin.routing.incident.IncidentState> store =
                driver.getKeyValueStore(RoutingTopology.INCIDENTS_STORE);
        try (var all = store.all()) {
            List<org.anshin.routing.incident.IncidentState> found = new ArrayList<>();
            all.forEachRemaining(kv -> {
                if (kv.value.incidentId().equals(incidentId)) {
                    found.add(kv.value);
                }
            });
            if (found.size() > 1) {
                throw new IllegalStateException(found.size() + " incidents named " + incidentId);
            }
            return found.isEmpty() ? null : found.get(0);
        }
    }

    /** The incidents-store key of a report's incident. */
    public static String liveKey(IncidentReport r) {
        return org.anshin.routing.incident.IncidentKeys.live(r);
    }

    public static Builder report(String incidentId, String sector) {
        return new Builder(incidentId, sector);
    }

    @Override
    public void close() {
        driver.close();
    }

    /** A valid report with sensible defaults; each build() gets a fresh reportId unless one is set. */
    public static final class Builder {
        private final IncidentReport.Builder b = IncidentReport.newBuilder();
        private String reportId;

        Builder(String incidentId, String sector) {
            b.setReportId("").setIncidentId(incidentId).setSector(sector).setOperatorId("op-" + sector)
                    .setReportType(ReportType.INITIAL).setOccurredAt(T0).setDetectedAt(T0).setResolvedAt(null)
                    .setSummary("free text of " + incidentId).setCause(Cause.UNINTENTIONAL).setCiaImpact(List.of())
                    .setImpact(new Impact()).setTlp(Tlp.GREEN).setExercise(false).setReceivedAt(T0);
        }

        public Builder type(ReportType t) { b.setReportType(t); return this; }
        public Builder operator(String op) { b.setOperatorId(op); return this; }
        public Builder tlp(Tlp t) { b.setTlp(t); return this; }
        public Builder exercise(boolean e) { b.setExercise(e); return this; }
        public Builder occurredAt(Instant t) { b.setOccurredAt(t).setDetectedAt(t); return this; }
        public Builder resolvedAt(Instant t) { b.setResolvedAt(t); return this; }
        public Builder summary(String s) { b.setSummary(s); return this; }
        public Builder reportId(String id) { reportId = id; return this; }
        public Builder impact(String field, Object value) {
            Impact i = Impact.newBuilder(b.getImpact()).build();
            var f = Impact.getClassSchema().getField(field);
            boolean isInt = f.schema().getTypes().stream().anyMatch(s -> s.getType() == org.apache.avro.Schema.Type.INT);
            i.put(f.pos(), value instanceof Number n ? (isInt ? (Object) n.intValue() : (Object) n.longValue()) : value);
            b.setImpact(i);
            return this;
        }

        public IncidentReport build() {
            return IncidentReport.newBuilder(b.build())
                    .setReportId(reportId != null ? reportId : UUID.randomUUID().toString()).build();
        }
    }
}
