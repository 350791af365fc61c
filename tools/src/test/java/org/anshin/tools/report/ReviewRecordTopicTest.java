package org.anshin.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.TopicSpec;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review against a real broker and registry: the year of {@link YearOfIncidents} written to the compacted
 * record topics with the real serde, an older value before the last one of an incident, an incident deleted by
 * a tombstone, an aborted transaction; the reader keeps the last committed value per key and the figures are the
 * unit test's, and the files written parse. The advisories of {@link YearOfAdvisories} go to advisories.record
 * (an older value and a tombstoned advisory with them) and the sharing figures are those of the same records in
 * memory.
 */
@WithKafkaAndRegistry
class ReviewRecordTopicTest {
    @TempDir
    Path out;

    @Test
    void readsTheLastCommittedValuePerKeyAndGivesTheYearsFigures(Infra infra) throws Exception {
        List<String> names = List.of(Topics.RECORD, Topics.exercise(Topics.RECORD), Topics.ADVISORY_RECORD,
                Topics.exercise(Topics.ADVISORY_RECORD));
        List<TopicSpec> specs = Topics.all().stream().filter(t -> names.contains(t.name())).toList();
        assertThat(specs).hasSize(4).allSatisfy(s -> assertThat(s.configs()).containsEntry("cleanup.policy", "compact"));
        infra.createTopics(specs.stream().map(TopicSpec::newTopic).toArray(org.apache.kafka.clients.admin.NewTopic[]::new));

        ConfluentAvroSerde<IncidentRecord> serde = ConfluentAvroSerde.forValue(IncidentRecord.class,
                new RestSchemaRegistryClient(infra.registryUrl()), true);
        List<IncidentRecord> real = YearOfIncidents.real();
        IncidentRecord tel1 = real.get(0);
        // the last value of tel-1 carries a share: the sharing figures must see it through the real serde
        tel1.setShares(new ArrayList<>(List.of(YearOfAdvisories.share("telecom", "gas", "2026-04-10T10:00:00.000"))));
        // what the record said of tel-1 on its first report: open, within the level, no notice yet
        IncidentRecord tel1Before = IncidentRecord.newBuilder(tel1).setStatus(IncidentStatus.OPEN).setResolvedAt(null)
                .setEverExceeded(false).setFirstExceededAt(null).setServiceLevelBreached(false)
                .setCause(Cause.UNKNOWN).setNotices(new ArrayList<>()).build();
        IncidentRecord deleted = YearOfIncidents.incident("deleted", "aviation", "2026-09-09T09:00:00.000", true, true,
                Cause.DISASTER, List.of(CiaImpact.AVAILABILITY), null);
        IncidentRecord aborted = YearOfIncidents.incident("aborted", "railway", "2026-10-10T10:00:00.000", true, true,
                Cause.DISASTER, List.of(CiaImpact.AVAILABILITY), null);

        Map<String, Object> props = new HashMap<>(infra.producerProps());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "review-test-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, serde, Topics.RECORD, tel1Before.getIncidentKey(), tel1Before);
            send(producer, serde, Topics.RECORD, deleted.getIncidentKey(), deleted);
            producer.commitTransaction();

            producer.beginTransaction();
            send(producer, serde, Topics.RECORD, aborted.getIncidentKey(), aborted);
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            for (IncidentRecord r : real) {
                send(producer, serde, Topics.RECORD, r.getIncidentKey(), r);
            }
            send(producer, serde, Topics.RECORD, deleted.getIncidentKey(), null); // the tombstone
            for (IncidentRecord d : YearOfIncidents.drills()) {
                send(producer, serde, Topics.exercise(Topics.RECORD), d.getIncidentKey(), d);
            }
            producer.commitTransaction();
        }
        ConfluentAvroSerde<AdvisoryRecord> advisorySerde = ConfluentAvroSerde.forValue(AdvisoryRecord.class,
                new RestSchemaRegistryClient(infra.registryUrl()), true);
        List<AdvisoryRecord> advisories = YearOfAdvisories.real();
        AdvisoryRecord a1 = advisories.get(0);
        // what the record said of a1 before anyone answered or any delivery ended
        AdvisoryRecord a1Before = AdvisoryRecord.newBuilder(a1).setDeliveries(new ArrayList<>())
                .setFeedback(new ArrayList<>()).build();
        AdvisoryRecord gone = YearOfAdvisories.record(YearOfAdvisories.advisory("gone", "nisc", "nisc",
                AdvisorySeverity.CRITICAL, Tlp.GREEN, false, List.of("gas"), "2026-05-05T05:00:00.000"),
                List.of("gas"), List.of(), List.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infra.producerProps())) {
            sendAdvisory(producer, advisorySerde, Topics.ADVISORY_RECORD, a1Before);
            sendAdvisory(producer, advisorySerde, Topics.ADVISORY_RECORD, gone);
            for (AdvisoryRecord a : advisories) {
                sendAdvisory(producer, advisorySerde, Topics.ADVISORY_RECORD, a);
            }
            producer.send(new ProducerRecord<>(Topics.ADVISORY_RECORD, "gone".getBytes(StandardCharsets.UTF_8), null))
                    .get(30, TimeUnit.SECONDS);
            for (AdvisoryRecord d : YearOfAdvisories.drills()) {
                sendAdvisory(producer, advisorySerde, Topics.exercise(Topics.ADVISORY_RECORD), d);
            }
        }

        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Map<String, Object> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"); // must not win
        Review review = Review.read(client, infra.registryUrl(), YearOfIncidents.FY2026,
                YearOfIncidents.shippedGrouping(), YearOfAdvisories.DIRECTORY,
                new PrintStream(warnings, true, StandardCharsets.UTF_8));

        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
        YearOfIncidents.assertFigures(review);
        assertThat(review.real().sector("aviation").orElseThrow().counts().reported()).as("deleted by its tombstone")
                .isZero();
        assertThat(review.real().sector("railway").orElseThrow().counts().reported()).as("aborted").isZero();
        assertThat(review.sources()).containsExactly(
                new Review.Source(Topics.RECORD, true, real.size(), real.size() + 3, 1, 0, 0),
                new Review.Source(Topics.exercise(Topics.RECORD), true, 3, 3, 0, 0, 0),
                new Review.Source(Topics.ADVISORY_RECORD, true, advisories.size(), advisories.size() + 3, 1, 0, 0),
                new Review.Source(Topics.exercise(Topics.ADVISORY_RECORD), true, 1, 1, 0, 0, 0));
        assertThat(review.undecodable()).isZero();

        // the sharing figures: those of the same records in memory, the deleted advisory in none of them
        Review inMemory = Review.of(YearOfIncidents.FY2026, YearOfIncidents.shippedGrouping(),
                YearOfAdvisories.DIRECTORY, real, YearOfIncidents.drills(), advisories, YearOfAdvisories.drills());
        assertThat(review.sharing()).isEqualTo(inMemory.sharing());
        assertThat(review.sharingDrills()).isEqualTo(inMemory.sharingDrills());
        assertThat(review.sharing().issuersTotal().issued()).isEqualTo(4);
        assertThat(review.sharing().issuer("nisc").orElseThrow().bySeverity().get(AdvisorySeverity.CRITICAL))
                .as("gone was deleted").isEqualTo(1);
        assertThat(review.sharing().total()).as("a1's last value: its answers and deliveries")
                .isEqualTo(YearOfAdvisories.row(null, 4, 1, 1, 11, 6, 4, 3));
        assertThat(review.sharing().ceptoar("gas").orElseThrow().incidentsSharedTo()).isEqualTo(1);
        assertThat(review.sharing().ceptoar("telecom").orElseThrow().incidentsSharedBy()).isEqualTo(1);
        assertThat(review.sharingDrills().total().operatorsUseful()).isEqualTo(1);

        List<Path> files = ReviewFiles.write(review, out);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("review-FY2026.md", "review-FY2026.csv", "review-FY2026.svg",
                        "review-FY2026-sharing.svg");

        List<String> csv = Files.readAllLines(out.resolve("review-FY2026.csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo(String.join(",", CsvRenderer.HEADER));
        assertThat(csv).hasSize(1 + CsvRenderer.linesPer(review.real()) + CsvRenderer.linesPer(review.drills())
                + CsvRenderer.sharingLinesPer(review.sharing()) + CsvRenderer.sharingLinesPer(review.sharingDrills()));
        assertThat(csv.subList(1, csv.size())).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(CsvRenderer.HEADER.size()));
        assertThat(csv.stream().filter(l -> l.startsWith("real,")).count())
                .isEqualTo(CsvRenderer.linesPer(review.real()) + CsvRenderer.sharingLinesPer(review.sharing()));
        assertThat(csv.stream().filter(l -> l.startsWith("drill,")).count())
                .isEqualTo(CsvRenderer.linesPer(review.drills()) + CsvRenderer.sharingLinesPer(review.sharingDrills()));
        assertThat(csv).contains("real,sharing-total,,,operators-reached,,6,,,,,,,,,");
        assertThat(csv).contains("real,total,,,total,,9,7,5,3,6,10800,172800,2,3,2");

        String md = Files.readString(out.resolve("review-FY2026.md"), StandardCharsets.UTF_8);
        assertThat(md.lines().filter(l -> l.startsWith("## "))).containsExactly("## Real incidents", "## Drills (演習)",
                "## Information sharing (情報共有)", "## Information sharing, drills (情報共有・演習)");
        assertThat(md.lines().filter(l -> l.startsWith("### "))).hasSize(12);
        // every table: a header, its rule, and one line per line of the review (a plan sector of one code: one)
        assertThat(md.lines().filter(l -> l.startsWith("| All sectors |"))).hasSize(8);
        List<String> tables = List.of(md.split("### ")).subList(1, 9);
        for (int i = 0; i < tables.size(); i++) {
            ReviewFigures f = i < 4 ? review.real() : review.drills();
            assertThat(tables.get(i).lines().filter(l -> l.startsWith("|")).count()).as("table %d", i)
                    .isEqualTo(2 + lines(f));
        }
        assertThat(md).contains("| `incidents.record` | 12 | 15 | 1 | 0 |")
                .contains("| `advisories.record` | 6 | 9 | 1 | 0 |")
                .contains("| All CEPTOARs | 4 | 1 | 1 | 11 | 6 | 4 | 3 | 75% | 50% |");

        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
                new ByteArrayInputStream(Files.readAllBytes(out.resolve("review-FY2026.svg"))));
        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
        var sharingSvg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
                new ByteArrayInputStream(Files.readAllBytes(out.resolve("review-FY2026-sharing.svg"))));
        assertThat(sharingSvg.getDocumentElement().getNodeName()).isEqualTo("svg");

        // a drill advisory nobody can decode: counted, warned about, in none of the figures
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infra.producerProps())) {
            producer.send(new ProducerRecord<>(Topics.exercise(Topics.ADVISORY_RECORD),
                    "junk".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Review withJunk = Review.read(client, infra.registryUrl(), YearOfIncidents.FY2026,
                YearOfIncidents.shippedGrouping(), YearOfAdvisories.DIRECTORY,
                new PrintStream(again, true, StandardCharsets.UTF_8));
        assertThat(again.toString(StandardCharsets.UTF_8))
                .contains("cannot decode the record at " + Topics.exercise(Topics.ADVISORY_RECORD) + "-");
        assertThat(withJunk.warnings()).contains("1 records of exercise.advisories.record could not be"
                + " decoded; 1 advisories whose latest value is one of them are in none of the counts (their schema"
                + " is not in the registry, or they are not Confluent-framed Avro): the figures are incomplete");
        assertThat(withJunk.sharingDrills()).isEqualTo(review.sharingDrills());
        assertThat(MarkdownRenderer.render(withJunk)).contains("| `exercise.advisories.record` | 1 | 2 | 0 | 1 |");
    }

    private static void sendAdvisory(KafkaProducer<byte[], byte[]> producer, ConfluentAvroSerde<AdvisoryRecord> serde,
                                     String topic, AdvisoryRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, value.getAdvisory().getAdvisoryId().getBytes(StandardCharsets.UTF_8),
                serde.serialize(topic, value))).get(30, TimeUnit.SECONDS);
    }

    private static long lines(ReviewFigures f) {
        return 1 + f.planSectors().stream().mapToLong(p -> p.hasSubSectors() ? 1 + p.sectors().size() : 1).sum();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ConfluentAvroSerde<IncidentRecord> serde,
                             String topic, String key, IncidentRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : serde.serialize(topic, value))).get(30, TimeUnit.SECONDS);
    }
}
