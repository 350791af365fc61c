package org.anshin.routing.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.anshin.routing.errors.DeadLetters;
import org.anshin.routing.incident.IncidentState;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Poison records: whatever makes routing throw goes to the dead-letter topic with its original bytes
 * and the reason in headers, is counted, and the next records are routed as usual.
 */
class DeadLetterTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private KeyValueStore<String, IncidentState> incidents() {
        return f.driver.getKeyValueStore(RoutingTopology.INCIDENTS_STORE);
    }

    private List<TestRecord<byte[], byte[]>> deadLetters() {
        return f.driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    private double deadLettered(String reason) {
        return f.meters.counter("anshin.dead.letters", "reason", reason).count();
    }

    @Test
    void aReportThatMakesTheProcessorThrowIsDeadLetteredAndTheNextOneIsRouted() {
        f.send(Fixture.report("p-1", "gas").impact("affectedHouseholds", 1).build(), Fixture.T0);
        f.drainAll();
        IncidentState stored = f.state("p-1");
        String key = "r/op-gas/p-1";
        // a stored state this version cannot fold into (as if written by an older version without a TLP)
        IncidentState legacy = withTlpAndSector(stored, null, stored.sector());
        incidents().put(key, legacy);

        IncidentReport poison = Fixture.report("p-1", "gas").type(ReportType.UPDATE).impact("affectedHouseholds", 900)
                .build();
        f.send(poison, Fixture.T0.plusSeconds(1));
        f.send(Fixture.report("p-2", "gas").impact("affectedHouseholds", 1).build(), Fixture.T0.plusSeconds(2));

        List<TestRecord<byte[], byte[]>> dlq = deadLetters();
        assertThat(dlq).hasSize(1);
        TestRecord<byte[], byte[]> r = dlq.get(0);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("op-gas/p-1");
        assertThat(f.reportSerdeForTest().deserializer().deserialize(Topics.REPORTS, r.value())).isEqualTo(poison);
        assertThat(header(r, DeadLetters.REASON)).isEqualTo("processing-error");
        assertThat(header(r, DeadLetters.EXCEPTION)).isEqualTo(NullPointerException.class.getName());
        assertThat(header(r, DeadLetters.MESSAGE)).isNotNull();
        assertThat(header(r, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.REPORTS);
        assertThat(header(r, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(r, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
        // Kafka's own dead-letter headers (KIP-1034) are there too, for generic tooling
        assertThat(header(r, DeadLetters.STREAMS_EXCEPTION)).isEqualTo(NullPointerException.class.getName());
        assertThat(header(r, DeadLetters.STREAMS_OFFSET)).isEqualTo("1");
        assertThat(header(r, DeadLetters.STREAMS_STACKTRACE)).contains("Lifecycle");

        assertThat(incidents().get(key)).as("nothing half-written for the poison report").isEqualTo(legacy);
        assertThat(f.drainAll()).extracting(n -> n.getIncidentId().toString()).containsOnly("p-2");
        assertThat(deadLettered("processing-error")).isEqualTo(1.0);
        assertThat(deadLettered("unreadable")).isZero();
    }

    @Test
    void unreadableAndInvalidReportsAreCountedByReason() {
        f.rawReports.pipeInput("k".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        f.send(Fixture.report("u-1", "space").build(), Fixture.T0);
        f.send(Fixture.report("g-1", "gas").build(), Fixture.T0);
        assertThat(deadLetters()).extracting(r -> header(r, DeadLetters.REASON))
                .containsExactly("unreadable", "unknown-sector");
        assertThat(deadLettered("unreadable")).isEqualTo(1.0);
        assertThat(deadLettered("unknown-sector")).isEqualTo(1.0);
        assertThat(f.drainAll()).extracting(n -> n.getIncidentId().toString()).containsOnly("g-1");
    }

    @Test
    void aTimerThatThrowsIsDeadLetteredOnceAndTheOtherTimersStillFire() {
        // electricity: >= 100,000 kW for >= 10 min; this one crosses 10 min after it occurred
        f.send(Fixture.report("e-ok", "electricity").impact("supplyLossKw", 150_000).build(), Fixture.T0);
        f.send(Fixture.report("e-bad", "electricity").impact("supplyLossKw", 150_000).build(), Fixture.T0);
        f.drainAll();
        IncidentState bad = f.state("e-bad");
        assertThat(bad.dueAt()).isNotNull();
        // its timer cannot classify it
        incidents().put("r/op-electricity/e-bad", withTlpAndSector(bad, bad.tlp(), "no-such-sector"));

        f.driver.advanceWallClockTime(Duration.ofMinutes(11));
        f.driver.advanceWallClockTime(Duration.ofSeconds(30));

        List<TestRecord<byte[], byte[]>> dlq = deadLetters();
        assertThat(dlq).singleElement().satisfies(r -> {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("r/op-electricity/e-bad");
            assertThat(header(r, DeadLetters.REASON)).isEqualTo("timer-error");
        });
        List<IncidentNotice> escalated = f.drainAll().stream()
                .filter(n -> n.getNoticeType() == NoticeType.ESCALATED).toList();
        assertThat(escalated).isNotEmpty().allSatisfy(n -> assertThat(n.getIncidentId().toString()).isEqualTo("e-ok"));
        assertThat(deadLettered("timer-error")).isEqualTo(1.0);
    }

    @Test
    void aReportWhoseNoticeCannotBeWrittenIsDeadLetteredWithNothingStoredOrSentAndCanBeReplayed() {
        // the registry already holds an incompatible schema for the gas topic: the gas notice cannot be written
        String subject = Topics.ceptoar("gas") + "-value";
        f.registry.register(subject, new Schema.Parser().parse("""
                {"type":"record","name":"IncidentNotice","namespace":"org.anshin.schemas",
                 "fields":[{"name":"legacy","type":"int"}]}"""));
        IncidentReport report = Fixture.report("s-1", "gas").impact("affectedHouseholds", 1).build();
        f.send(report, Fixture.T0);

        List<TestRecord<byte[], byte[]>> dlq = deadLetters();
        assertThat(dlq).singleElement().satisfies(r -> {
            assertThat(header(r, DeadLetters.REASON)).isEqualTo("notice-unwritable");
            assertThat(header(r, DeadLetters.OUTPUT_TOPIC)).isEqualTo(Topics.ceptoar("gas"));
            assertThat(f.reportSerdeForTest().deserializer().deserialize(Topics.REPORTS, r.value())).isEqualTo(report);
        });
        assertThat(f.drainAll()).as("no notice of a dead-lettered report goes out").isEmpty();
        assertThat(f.state("s-1")).as("nothing stored for it, so a replay is not a duplicate").isNull();
        assertThat(deadLettered("notice-unwritable")).isEqualTo(1.0);

        // the operator of the registry fixes the subject; the dead letter is replayed as it was
        f.registry.deleteSubject(subject);
        f.rawReports.pipeInput(dlq.get(0).key(), dlq.get(0).value(), Fixture.T0.plusSeconds(60));
        assertThat(f.drainAll()).extracting(n -> n.getCeptoarId().toString()).containsExactlyInAnyOrder("gas", "nisc");
        assertThat(f.state("s-1").reportIds()).containsExactly(report.getReportId());
    }

    private static IncidentState withTlpAndSector(IncidentState s, org.anshin.schemas.Tlp tlp, String sector) {
        return new IncidentState(s.incidentId(), sector, s.operatorId(), s.status(), s.classification(), s.reason(),
                s.reasonJa(), tlp, s.exercise(), s.occurredAt(), s.resolvedAt(), s.updatedAt(), s.impact(),
                s.reportIds(), s.lastNoticeType(), s.summary(), s.cause(), s.receivedAt(), s.everExceeded(),
                s.dueAt(), s.incidentKey(), s.reportCount(), s.notices());
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
