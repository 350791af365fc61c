package org.anshin.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.fanout.Pseudonyms;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.ReportKeys;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.TopicSpec;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.PrivateKafkaCluster;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.anshin.tools.report.Review;
import org.anshin.tools.report.ReviewRange;
import org.anshin.tools.report.SectorGrouping;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fiscal-year review after the notice topics have expired: routing on a private broker whose notice topics
 * keep notices two seconds, the review read from the incident record only, the same figures after routing is
 * restarted (and after a later report of an incident already counted). Boundary: an incident that occurred at
 * 23:59:59 JST on 31 March 2026 is FY2025, one at 00:00 JST on 1 April 2026 is FY2026.
 */
@WithKafkaAndRegistry
class ReviewFromTheRecordTest {
    private static final Instant LAST_OF_FY2025 = Instant.parse("2026-03-31T14:59:59Z");
    private static final Instant FIRST_OF_FY2026 = Instant.parse("2026-03-31T15:00:00Z");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void theReviewOfAYearIsMadeFromTheRecordAfterTheNoticesExpiredAndSurvivesARestart(Infra infra) throws Exception {
        Map<String, String> broker = Map.of("log.retention.check.interval.ms", "500", "log.initial.task.delay.ms", "0");
        try (PrivateKafkaCluster kafka = PrivateKafkaCluster.start(broker); Admin admin = kafka.createAdmin()) {
            createTopics(admin);
            RoutingConfig config = RoutingConfig.from(Fixture.ANSHIN).withPseudonyms(Pseudonyms.fromKey(Fixture.PSEUDONYM_KEY));
            var registry = new RestSchemaRegistryClient(infra.registryUrl());
            SectorGrouping grouping = SectorGrouping.of(Fixture.ANSHIN.levels());
            try (RoutingApp routing = start(config, kafka, registry);
                 KafkaProducer<String, IncidentReport> producer = producer(kafka, registry)) {
                send(producer, report("fy25-last", LAST_OF_FY2025, 40L));
                send(producer, report("fy26-first", FIRST_OF_FY2026, 40L));
                send(producer, report("fy26-below", FIRST_OF_FY2026.plus(Duration.ofDays(100)), 5L));
                send(producer, report("fy26-drill", FIRST_OF_FY2026.plus(Duration.ofDays(10)), 40L).exercise(true)
                        .build());
                producer.flush();
                await().atMost(Duration.ofSeconds(90)).until(() -> review(kafka, infra, 2026, grouping)
                        .real().total().counts().reported() == 2);
            }
            String nisc = config.noticeTopic(Topics.NISC_RECIPIENT, false);
            long notices = endOffset(admin, nisc);
            assertThat(notices).as("notices routing sent to NISC").isGreaterThanOrEqualTo(3);
            expire(kafka, admin, List.of(nisc, config.noticeTopic("gas", false)));

            Review fy26 = review(kafka, infra, 2026, grouping);
            Review fy25 = review(kafka, infra, 2025, grouping);
            assertFy2026(fy26);
            assertThat(fy25.real().total().counts().reported()).isEqualTo(1);
            assertThat(fy25.real().total().counts().beyondLevel()).isEqualTo(1);
            assertThat(fy25.drills().total().counts().reported()).isZero();

            // a restarted routing restores its stores from the changelogs: a later report of a counted incident
            // updates its record, and the figures stay those of the same incidents
            try (RoutingApp routing = start(config, kafka, registry);
                 KafkaProducer<String, IncidentReport> producer = producer(kafka, registry)) {
                send(producer, report("fy26-first", FIRST_OF_FY2026, 40L).reportId("fy26-first-2")
                        .type(ReportType.RESOLVED).resolvedAt(FIRST_OF_FY2026.plus(Duration.ofHours(5))).build());
                producer.flush();
                await().atMost(Duration.ofSeconds(90)).until(() -> review(kafka, infra, 2026, grouping)
                        .real().total().resolved() == 1);
            }
            Review again = review(kafka, infra, 2026, grouping);
            assertFy2026(again);
            assertThat(again.real().total().medianResolution()).contains(Duration.ofHours(5));
        }
    }

    private static void assertFy2026(Review r) {
        assertThat(r.real().total().counts().reported()).isEqualTo(2);
        assertThat(r.real().total().counts().beyondLevel()).isEqualTo(1);
        // the demo gas operator of this test declares no service level: every report counts as an IT failure
        assertThat(r.real().total().counts().itFailures()).isEqualTo(2);
        assertThat(r.real().sector("gas").orElseThrow().counts().reported()).isEqualTo(2);
        assertThat(r.drills().total().counts().reported()).isEqualTo(1);
        assertThat(r.warnings()).isEmpty();
    }

    /** Waits until retention has deleted every record written so far (a marker rolls the last segment). */
    private static void expire(PrivateKafkaCluster kafka, Admin admin, List<String> topics) throws Exception {
        Map<String, Long> ends = new HashMap<>();
        for (String t : topics) {
            ends.put(t, endOffset(admin, t));
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> marker = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (String t : topics) {
                    for (int partition = 0; partition < partitions(admin, t); partition++) {
                        // nobody reads these topics here: an empty record rolls each partition's active segment
                        marker.send(new ProducerRecord<>(t, partition, null, new byte[0]));
                    }
                }
                marker.flush();
                for (String t : topics) {
                    if (startOffset(admin, t) < ends.get(t)) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    private static long endOffset(Admin admin, String topic) throws Exception {
        return offsets(admin, topic, OffsetSpec.latest());
    }

    private static long startOffset(Admin admin, String topic) throws Exception {
        return offsets(admin, topic, OffsetSpec.earliest());
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    private static long offsets(Admin admin, String topic, OffsetSpec spec) throws Exception {
        int partitions = partitions(admin, topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            request.put(new TopicPartition(topic, i), spec);
        }
        return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** Every topic, as ./anshin up makes them, except that the notice topics keep records 2 s. */
    private static void createTopics(Admin admin) throws Exception {
        List<NewTopic> topics = Topics.all().stream().map(TopicSpec::newTopic).map(t -> {
            boolean live = t.name().endsWith(".incidents"); // the notice topics: what the old review read
            if (!live) {
                return t;
            }
            Map<String, String> configs = new HashMap<>(t.configs() == null ? Map.of() : t.configs());
            configs.put("retention.ms", "2000");
            configs.put("segment.ms", "200");
            configs.put("file.delete.delay.ms", "0");
            return new NewTopic(t.name(), t.numPartitions(), t.replicationFactor()).configs(configs);
        }).collect(Collectors.toList());
        admin.createTopics(topics).all().get();
    }

    private RoutingApp start(RoutingConfig config, PrivateKafkaCluster kafka, RestSchemaRegistryClient registry)
            throws Exception {
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory(tmp, "state");
        return new RoutingApp(config, new RoutingApp.Settings("review-record-test", kafka.bootstrapServers(), registry,
                true, state, "127.0.0.1", "127.0.0.1", ItSupport.freePort(), ItSupport.INTERNAL_TOKEN, Map.of()));
    }

    private static Review review(PrivateKafkaCluster kafka, Infra infra, int year, SectorGrouping grouping) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return Review.read(props, infra.registryUrl(), ReviewRange.fiscalYear(year), grouping, QUIET);
    }

    private static KafkaProducer<String, IncidentReport> producer(PrivateKafkaCluster kafka,
                                                                 RestSchemaRegistryClient registry) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(),
                ConfluentAvroSerde.forValue(IncidentReport.class, registry, true).serializer());
    }

    private static Fixture.Builder report(String id, Instant occurredAt, long households) {
        return Fixture.report(id, "gas").operator("review-test-gas").reportId(id + "-1").occurredAt(occurredAt)
                .impact("affectedHouseholds", households);
    }

    private static void send(KafkaProducer<String, IncidentReport> producer, Fixture.Builder b) {
        send(producer, b.build());
    }

    private static void send(KafkaProducer<String, IncidentReport> producer, IncidentReport r) {
        String topic = r.getExercise() ? Topics.exercise(Topics.REPORTS) : Topics.REPORTS;
        producer.send(new ProducerRecord<>(topic, ReportKeys.of(r), r));
    }
}
