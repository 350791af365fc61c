package org.anshin.routing.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.anshin.routing.fanout.Pseudonyms;
import org.anshin.routing.incident.IncidentState;
import org.anshin.routing.incident.IncidentStateSerde;
import org.anshin.routing.incident.Lifecycle;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.ReportKeys;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an incident is (operator, incidentId, real or drill), how long it lives (closing period), how big its
 * state may get, and the order rule between duration timers and late reports: the promises that every
 * 202 is routed and none is turned into a dead letter or a silent merge.
 */
class IncidentIdentityTest {
    private static final String GAS = Topics.ceptoar("gas");
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private List<TestRecord<String, IncidentNotice>> records(String topic) {
        var serde = org.anshin.schemas.serde.ConfluentAvroSerde.forValue(IncidentNotice.class, f.registry, false);
        return f.driver.createOutputTopic(topic, Serdes.String().deserializer(), serde.deserializer())
                .readRecordsToList();
    }

    private long deadLetters() {
        return f.driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList().size();
    }

    @Test
    void twoOperatorsAndADrillSharingAnIncidentIdAreThreeIncidents() {
        f.send(Fixture.report("INC-0001", "gas").operator("op-a").impact("affectedHouseholds", 40).build(), Fixture.T0);
        f.send(Fixture.report("INC-0001", "gas").operator("op-b").impact("affectedHouseholds", 5).build(), Fixture.T0);
        IncidentReport drill = Fixture.report("INC-0001", "gas").operator("op-a").exercise(true)
                .impact("affectedHouseholds", 99).build();
        f.exerciseReports.pipeInput(ReportKeys.of(drill), drill, Fixture.T0);

        List<TestRecord<String, IncidentNotice>> real = records(GAS);
        List<TestRecord<String, IncidentNotice>> drills = records(Topics.exercise(GAS));
        assertThat(real).hasSize(2).allSatisfy(r -> {
            assertThat(r.value().getNoticeType()).isEqualTo(NoticeType.NEW);
            assertThat(r.value().getIncidentId()).isEqualTo("INC-0001");
            assertThat(r.key()).as("notices are keyed by the incidentKey").isEqualTo(r.value().getIncidentKey());
        });
        assertThat(real).extracting(r -> r.value().getOperatorId()).containsExactlyInAnyOrder("op-a", "op-b");
        assertThat(real.get(0).value().getClassification()).isNotEqualTo(real.get(1).value().getClassification());
        assertThat(drills).singleElement().satisfies(r -> assertThat(r.value().getExercise()).isTrue());
        assertThat(List.of(real.get(0).key(), real.get(1).key(), drills.get(0).key())).doesNotHaveDuplicates()
                .allSatisfy(k -> assertThat(UUID.fromString(k)).isNotNull());
        assertThat(deadLetters()).isZero();

        // an UPDATE of op-b's incident changes op-b's and nobody else's
        f.send(Fixture.report("INC-0001", "gas").operator("op-b").type(ReportType.UPDATE)
                .impact("affectedHouseholds", 50).build(), Fixture.T0.plusSeconds(60));
        assertThat(records(GAS)).singleElement().satisfies(r -> {
            assertThat(r.value().getOperatorId()).isEqualTo("op-b");
            assertThat(r.value().getNoticeType()).isEqualTo(NoticeType.ESCALATED);
            assertThat(r.key()).isEqualTo(real.stream().filter(x -> x.value().getOperatorId().equals("op-b"))
                    .findFirst().orElseThrow().key());
        });
    }

    @Test
    void aResolvedIncidentClosesAfterTheClosingPeriodAndItsIdThenStartsANewIncident() {
        var b = Fixture.report("INC-7", "gas").impact("affectedHouseholds", 40);
        f.send(b.build(), Fixture.T0);
        f.send(b.type(ReportType.RESOLVED).resolvedAt(Fixture.T0.plusSeconds(3600)).build(), Fixture.T0.plusSeconds(3600));
        String firstKey = records(GAS).get(0).key();
        f.driver.advanceWallClockTime(Duration.ofDays(29));
        assertThat(f.state("INC-7")).as("still within the closing period").isNotNull();
        f.driver.advanceWallClockTime(Duration.ofDays(2));
        assertThat(f.state("INC-7")).as("closed: left the live store").isNull();
        assertThat(f.meters.counter("anshin.incidents.closed").count()).isEqualTo(1.0);
        assertThat(tombstones("r/op-gas/INC-7")).as("a tombstone in the changelog, so restores shrink too").isEqualTo(1);

        f.send(Fixture.report("INC-7", "gas").impact("affectedHouseholds", 1).build(),
                Fixture.T0.plus(Duration.ofDays(31)));
        assertThat(records(GAS)).singleElement().satisfies(r -> {
            assertThat(r.value().getNoticeType()).isEqualTo(NoticeType.NEW);
            assertThat(r.value().getClassification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
            assertThat(r.key()).isNotEqualTo(firstKey);
        });
    }

    @Test
    void aReportAfterTheClosingPeriodStartsANewIncidentEvenBeforeTheTimerHasRun() {
        var b = Fixture.report("INC-8", "gas").impact("affectedHouseholds", 40);
        f.send(b.build(), Fixture.T0);
        f.send(b.type(ReportType.RESOLVED).build(), Fixture.T0.plusSeconds(60));
        f.send(b.type(ReportType.UPDATE).build(), Fixture.T0.plus(Duration.ofDays(1)));
        List<TestRecord<String, IncidentNotice>> first = records(GAS);
        assertThat(first).extracting(r -> r.value().getNoticeType())
                .containsExactly(NoticeType.NEW, NoticeType.RESOLVED, NoticeType.UPDATED);
        assertThat(first).extracting(TestRecord::key).as("reopened within the period: the same incident").containsOnly(
                first.get(0).key());
        f.send(b.type(ReportType.RESOLVED).build(), Fixture.T0.plus(Duration.ofDays(1)).plusSeconds(60));
        records(GAS);

        f.send(Fixture.report("INC-8", "gas").type(ReportType.UPDATE).impact("affectedHouseholds", 2).build(),
                Fixture.T0.plus(Duration.ofDays(40)));
        assertThat(records(GAS)).singleElement().satisfies(r -> {
            assertThat(r.value().getNoticeType()).isEqualTo(NoticeType.NEW);
            assertThat(r.key()).isNotEqualTo(first.get(0).key());
        });
        assertThat(f.state("INC-8").reportCount()).isEqualTo(1);
    }

    @Test
    void thousandsOfUpdatesToOneIncidentKeepItsStateBoundedAndEveryReportIsRouted() {
        var b = Fixture.report("busy-1", "gas").impact("affectedHouseholds", 1);
        f.send(b.build(), Fixture.T0);
        int updates = 5_000;
        String recent = null;
        for (int i = 1; i <= updates; i++) {
            recent = UUID.randomUUID().toString();
            f.send(b.type(ReportType.UPDATE).reportId(recent).impact("affectedHouseholds", 1 + i % 2).build(),
                    Fixture.T0.plusMillis(i));
        }
        IncidentState state = f.state("busy-1");
        assertThat(state.reportCount()).isEqualTo(updates + 1);
        assertThat(state.reportIds()).hasSize(Lifecycle.MAX_REMEMBERED_REPORTS).endsWith(recent);
        assertThat(state.notices()).hasSize(IncidentState.MAX_NOTICE_LOG);
        byte[] stored = new IncidentStateSerde().serializer().serialize("t", state);
        assertThat(stored.length).as("far below the broker's 1 MB record limit").isLessThan(64 * 1024);
        // every one of them was routed: each alternation of the impact is a material change
        assertThat(records(GAS)).hasSize(updates + 1);
        assertThat(deadLetters()).isZero();

        f.send(b.reportId(recent).build(), Fixture.T0.plusSeconds(600));
        assertThat(f.meters.counter("anshin.reports.duplicate").count()).isEqualTo(1.0);
        assertThat(records(GAS)).isEmpty();
    }

    @Test
    void aReportReadAfterTheDurationTimerFiredCannotUndoItsEscalation() {
        // telecom: >= 30,000 users for >= 2 h; open since T0, the timer escalates just after T0+2h
        var b = Fixture.report("tel-1", "telecom").impact("affectedUsers", 50_000);
        f.send(b.build(), Fixture.T0);
        f.driver.advanceWallClockTime(Duration.ofHours(2).plusSeconds(20));
        assertThat(records(Topics.ceptoar("telecom"))).extracting(r -> r.value().getNoticeType())
                .containsExactly(NoticeType.NEW, NoticeType.ESCALATED);

        // an UPDATE accepted at T0+1h (before the crossing) but read only now, with nothing new in it
        f.send(b.type(ReportType.UPDATE).build(), Fixture.T0.plus(Duration.ofHours(1)));
        assertThat(records(Topics.ceptoar("telecom"))).as("no silent de-escalation").isEmpty();
        assertThat(f.state("tel-1").classification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);

        // a late report with a real change is an UPDATE, still classified at the incident's latest time
        f.send(b.type(ReportType.UPDATE).impact("affectedUsers", 80_000).build(), Fixture.T0.plus(Duration.ofHours(1)));
        assertThat(records(Topics.ceptoar("telecom"))).singleElement().satisfies(r -> {
            assertThat(r.value().getNoticeType()).isEqualTo(NoticeType.UPDATED);
            assertThat(r.value().getClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
        });
    }

    @Test
    void amberCascadeWarningsCarryAKeyedPseudonymAndNothingThatReidentifiesTheOperator() {
        Instant occurred = Fixture.T0.minus(Duration.ofHours(1)).plusSeconds(1234);
        IncidentReport r = Fixture.report("tepco-2026-0042", "electricity").tlp(Tlp.AMBER)
                .impact("supplyLossKw", 234_567).occurredAt(occurred).build();
        f.send(r, Fixture.T0.plusMillis(4321));
        String realKey = records(Topics.ceptoar("electricity")).get(0).key();
        List<TestRecord<String, IncidentNotice>> cascade = records(Topics.ceptoar("gas"));
        String expected = new Pseudonyms(Fixture.PSEUDONYM_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .pseudonym(realKey);
        assertThat(cascade).singleElement().satisfies(c -> {
            IncidentNotice n = c.value();
            assertThat(n.getNoticeType()).isEqualTo(NoticeType.CASCADE_WARNING);
            assertThat(n.getIncidentId()).isEqualTo(expected).startsWith("cascade-");
            assertThat(n.getIncidentKey()).isEqualTo(expected);
            assertThat(c.key()).isEqualTo(expected);
            // not the old name-based UUID that anyone could recompute from a guessed incident id
            assertThat(n.getIncidentId()).isNotEqualTo("cascade-" + UUID.nameUUIDFromBytes(
                    ("anshin-cascade:tepco-2026-0042").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(n.getImpact()).isNull();
            assertThat(n.getReason() + n.getReasonJa()).doesNotContain("234567").doesNotContain("234,567")
                    .contains("electricity");
            assertThat(n.getOccurredAt()).isEqualTo(occurred.truncatedTo(ChronoUnit.HOURS));
            assertThat(n.getClassifiedAt()).isEqualTo(n.getClassifiedAt().truncatedTo(ChronoUnit.MINUTES));
            assertThat(n.getReceivedAt()).isNull();
            assertThat(n.getOperatorId()).isNull();
            assertThat(n.getSummary()).isNull();
        });
        assertThat(new Pseudonyms("another-key-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .pseudonym(realKey)).as("without the key, no one can compute it").isNotEqualTo(expected);
    }

    private long tombstones(String storeKey) {
        String changelog = f.driver.producedTopicNames().stream().filter(t -> t.contains(RoutingTopology.INCIDENTS_STORE)
                && t.endsWith("changelog")).findFirst().orElseThrow();
        return f.driver.createOutputTopic(changelog, Serdes.String().deserializer(), new ByteArrayDeserializer())
                .readRecordsToList().stream().filter(rec -> rec.key().equals(storeKey) && rec.value() == null).count();
    }
}
