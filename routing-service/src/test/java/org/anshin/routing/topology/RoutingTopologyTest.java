package org.anshin.routing.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.anshin.routing.errors.DeadLetters;
import org.anshin.routing.incident.IncidentState;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingTopologyTest {
    private final Fixture f = new Fixture();
    private static final String ELEC = "ceptoar.electricity.incidents";
    private static final String TELECOM = "ceptoar.telecom.incidents";

    @AfterEach
    void close() {
        f.close();
    }

    private List<IncidentNotice> types(String topic, String incidentId) {
        return f.notices(topic).stream().filter(n -> n.getIncidentId().equals(incidentId)).toList();
    }

    private IncidentState state(String id) {
        return f.state(id);
    }

    @Test
    void newReportGoesToOwnCeptoarAndNisc() {
        f.send(Fixture.report("g-1", "gas").impact("affectedHouseholds", 40).build(), Fixture.T0);
        List<IncidentNotice> gas = types("ceptoar.gas.incidents", "g-1");
        List<IncidentNotice> nisc = types(Topics.NISC, "g-1");
        assertThat(gas).singleElement().satisfies(n -> {
            assertThat(n.getNoticeType()).isEqualTo(NoticeType.NEW);
            assertThat(n.getClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
            assertThat(n.getOperatorId()).isEqualTo("op-gas");
            assertThat(n.getReason()).contains("affectedHouseholds 40 >= 30");
        });
        assertThat(nisc).singleElement().satisfies(n -> assertThat(n.getCeptoarId()).isEqualTo("nisc"));
        assertThat(f.meters.counter("anshin.notices.routed", "ceptoar", "gas", "classification",
                "EXCEEDS_VERIFICATION_LEVEL").count()).isEqualTo(1.0);
        assertThat(f.meters.counter("anshin.incidents.exceeding.level", "sector", "gas").count()).isEqualTo(1.0);
    }

    @Test
    void lifecycleNewUpdatedEscalatedResolvedAndSilenceWhenNothingChanged() {
        var base = Fixture.report("t-1", "telecom");
        f.send(base.impact("affectedUsers", 10_000).build(), Fixture.T0);
        f.send(base.type(ReportType.UPDATE).impact("affectedUsers", 10_100).build(), Fixture.T0.plusSeconds(60));
        f.send(base.type(ReportType.UPDATE).impact("affectedUsers", 20_000).build(), Fixture.T0.plusSeconds(120));
        f.send(base.type(ReportType.UPDATE).impact("affectedUsers", 40_000).build(), Fixture.T0.plus(Duration.ofHours(3)));
        f.send(base.type(ReportType.RESOLVED).resolvedAt(Fixture.T0.plus(Duration.ofHours(4))).build(),
                Fixture.T0.plus(Duration.ofHours(4)));
        assertThat(types(TELECOM, "t-1")).extracting(IncidentNotice::getNoticeType).containsExactly(
                NoticeType.NEW, NoticeType.UPDATED, NoticeType.ESCALATED, NoticeType.RESOLVED);
        IncidentState s = state("t-1");
        assertThat(s.status()).isEqualTo(IncidentState.Status.RESOLVED);
        assertThat(s.reportIds()).hasSize(5);
        assertThat(s.lastNoticeType()).isEqualTo(NoticeType.RESOLVED);
        assertThat(s.impact()).containsEntry("affectedUsers", 40_000L);
    }

    @Test
    void updateBeforeInitialOpensTheIncidentAndSaysSo() {
        f.send(Fixture.report("r-1", "railway").type(ReportType.UPDATE).impact("cancelledTrains", 2).build(), Fixture.T0);
        assertThat(types("ceptoar.railway.incidents", "r-1")).singleElement().satisfies(n -> {
            assertThat(n.getNoticeType()).isEqualTo(NoticeType.NEW);
            assertThat(n.getReason()).contains("no INITIAL seen");
        });
        assertThat(state("r-1").open()).isTrue();
    }

    @Test
    void reportAfterResolvedReopensWithUpdatedOrEscalated() {
        var b = Fixture.report("a-1", "aviation");
        f.send(b.impact("cancelledFlights", 0).build(), Fixture.T0);
        f.send(b.type(ReportType.RESOLVED).build(), Fixture.T0.plusSeconds(10));
        f.send(b.type(ReportType.UPDATE).impact("cancelledFlights", 0).summary("again").build(), Fixture.T0.plusSeconds(20));
        f.send(b.type(ReportType.RESOLVED).build(), Fixture.T0.plusSeconds(30));
        f.send(b.type(ReportType.UPDATE).impact("cancelledFlights", 3).build(), Fixture.T0.plusSeconds(40));
        List<IncidentNotice> n = types("ceptoar.aviation.incidents", "a-1");
        assertThat(n).extracting(IncidentNotice::getNoticeType).containsExactly(NoticeType.NEW, NoticeType.RESOLVED,
                NoticeType.UPDATED, NoticeType.RESOLVED, NoticeType.ESCALATED);
        assertThat(n.get(2).getReason()).contains("reopened after RESOLVED");
        assertThat(state("a-1").open()).isTrue();
    }

    @Test
    void duplicateReportIdChangesNothing() {
        var r = Fixture.report("w-1", "water").reportId("dup-1").impact("waterQualityAbnormal", true).build();
        f.send(r, Fixture.T0);
        f.send(r, Fixture.T0.plusSeconds(5));
        f.send(r, Fixture.T0.plus(Duration.ofDays(6)));
        assertThat(types("ceptoar.water.incidents", "w-1")).hasSize(1);
        assertThat(state("w-1").reportIds()).containsExactly("dup-1");
        assertThat(f.meters.counter("anshin.reports.duplicate").count()).isEqualTo(2.0);
    }

    @Test
    void exerciseReportsOnlyReachExerciseTopics() {
        f.send(Fixture.report("x-1", "electricity").exercise(true).impact("supplyLossKw", 500_000)
                .occurredAt(Fixture.T0.minus(Duration.ofHours(1))).build(), Fixture.T0);
        List<String> produced = f.driver.producedTopicNames().stream()
                .filter(t -> !t.contains("changelog") && !t.startsWith("_")).toList();
        assertThat(f.drainAll()).isNotEmpty();
        assertThat(produced).isNotEmpty().allMatch(t -> t.startsWith("exercise."));
        assertThat(produced).contains("exercise." + ELEC, "exercise." + Topics.NISC, "exercise.ceptoar.council.incidents");
    }

    @Test
    void aReportOnTheExerciseTopicIsADrillEvenWithoutItsFlag() {
        IncidentReport r = Fixture.report("x-2", "electricity").exercise(false).impact("supplyLossKw", 500_000)
                .occurredAt(Fixture.T0.minus(Duration.ofHours(1))).build();
        f.exerciseReports.pipeInput(org.anshin.schemas.ReportKeys.of(r), r, Fixture.T0);
        List<String> produced = f.driver.producedTopicNames().stream()
                .filter(t -> !t.contains("changelog") && !t.startsWith("_")).toList();
        assertThat(f.drainAll()).isNotEmpty();
        assertThat(produced).isNotEmpty().allMatch(t -> t.startsWith("exercise."));
        assertThat(state("x-2").exercise()).isTrue();
    }

    @Test
    void durationLevelEscalatesByWallClockWithoutNewReport() {
        // electricity 150,000 kW since T0: crosses 10 min at T0+10min
        f.send(Fixture.report("e-1", "electricity").impact("supplyLossKw", 150_000).build(), Fixture.T0.plusSeconds(60));
        assertThat(types(ELEC, "e-1")).singleElement().satisfies(n -> {
            assertThat(n.getClassification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
            assertThat(n.getReason()).contains("supplyLossKw 150000 >= 100000 for 1 min < 10 min");
        });
        f.driver.advanceWallClockTime(Duration.ofMinutes(8)); // T0+8min: not yet
        assertThat(types(ELEC, "e-1")).isEmpty();
        f.driver.advanceWallClockTime(Duration.ofMinutes(2)); // T0+10min: crossing
        f.driver.advanceWallClockTime(Duration.ofSeconds(10));
        List<IncidentNotice> escalated = types(ELEC, "e-1");
        assertThat(escalated).singleElement().satisfies(n -> {
            assertThat(n.getNoticeType()).isEqualTo(NoticeType.ESCALATED);
            assertThat(n.getClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
            assertThat(n.getReportId()).isNull();
            assertThat(n.getClassifiedAt()).isBefore(Fixture.T0.plus(Duration.ofMinutes(10)).plusSeconds(60));
            assertThat(n.getReason()).contains(">= 10 min");
        });
        assertThat(types(TELECOM, "e-1")).singleElement()
                .satisfies(n -> assertThat(n.getNoticeType()).isEqualTo(NoticeType.CASCADE_WARNING));
        f.drainAll();
        f.driver.advanceWallClockTime(Duration.ofMinutes(30));
        // no further timer notice; only the shipped escalation tiers (electricity, NISC: PT15M) re-page it
        assertThat(f.drainAll()).extracting(n -> n.getCeptoarId() + "/" + n.getNoticeType() + "/" + n.getEscalationTier())
                .containsExactlyInAnyOrder("electricity/ESCALATED/2", "nisc/ESCALATED/2");
    }

    @Test
    void resolvingBeforeTheCrossingCancelsTheTimer() {
        var b = Fixture.report("e-2", "electricity").impact("supplyLossKw", 150_000);
        f.send(b.build(), Fixture.T0);
        f.send(b.type(ReportType.RESOLVED).resolvedAt(Fixture.T0.plus(Duration.ofMinutes(5))).build(),
                Fixture.T0.plus(Duration.ofMinutes(5)));
        f.drainAll();
        f.driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(f.drainAll()).isEmpty();
        assertThat(state("e-2").classification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
    }

    @Test
    void poisonRecordGoesToDeadLetterWithReasonAndTheAppKeepsRunning() {
        f.rawReports.pipeInput("k".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        f.send(Fixture.report("g-2", "gas").impact("affectedHouseholds", 1).build(), Fixture.T0);
        var dlq = f.driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TestRecord<byte[], byte[]> r = dlq.readRecord();
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(header(r, DeadLetters.REASON)).isEqualTo("unreadable");
        assertThat(header(r, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.REPORTS);
        assertThat(header(r, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(types("ceptoar.gas.incidents", "g-2")).hasSize(1);
    }

    @Test
    void unknownSectorGoesToDeadLetter() {
        f.send(Fixture.report("u-1", "space").build(), Fixture.T0);
        var dlq = f.driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assertThat(dlq.readRecordsToList()).extracting(r -> header(r, DeadLetters.REASON)).containsExactly("unknown-sector");
        assertThat(f.meters.counter("anshin.reports.invalid", "reason", "unknown-sector").count()).isEqualTo(1.0);
    }

    @Test
    void redGoesToNiscOnlyAndAmberCascadeIsAnonymous() {
        f.send(Fixture.report("red-1", "electricity").tlp(Tlp.RED).impact("supplyLossKw", 200_000)
                .occurredAt(Fixture.T0.minus(Duration.ofHours(1))).build(), Fixture.T0);
        List<IncidentNotice> all = f.drainAll();
        assertThat(all).singleElement().satisfies(n -> assertThat(n.getCeptoarId()).isEqualTo("nisc"));

        f.send(Fixture.report("amber-1", "electricity").tlp(Tlp.AMBER).impact("supplyLossKw", 200_000)
                .occurredAt(Fixture.T0.minus(Duration.ofHours(1))).build(), Fixture.T0);
        List<IncidentNotice> amber = f.drainAll();
        List<IncidentNotice> cascade = amber.stream().filter(n -> n.getNoticeType() == NoticeType.CASCADE_WARNING).toList();
        assertThat(cascade).hasSize(Fixture.ANSHIN.levels().bySector().size() - 1 + 1) // other sectors' CEPTOARs + council
                .allSatisfy(n -> {
                    assertThat(n.getOperatorId()).isNull();
                    assertThat(n.getSummary()).isNull();
                    assertThat(n.getReportId()).isNull();
                    assertThat(n.getIncidentId().toString()).doesNotContain("amber-1");
                });
        assertThat(amber.stream().filter(n -> n.getNoticeType() == NoticeType.NEW))
                .extracting(n -> n.getCeptoarId().toString()).containsExactlyInAnyOrder("electricity", "nisc");
    }

    @Test
    void noticeIdsAreDeterministicAcrossRuns() {
        List<String> first = runScenario(new Fixture());
        List<String> second = runScenario(new Fixture());
        assertThat(first).isNotEmpty().doesNotHaveDuplicates().isEqualTo(second);
    }

    private static List<String> runScenario(Fixture g) {
        try (g) {
            var b = Fixture.report("det-1", "telecom").reportId("r1").impact("affectedUsers", 50_000);
            g.send(b.build(), Fixture.T0);
            g.driver.advanceWallClockTime(Duration.ofHours(3));
            g.send(b.reportId("r2").type(ReportType.RESOLVED).build(), Fixture.T0.plus(Duration.ofHours(3)));
            return g.drainAll().stream().map(n -> n.getNoticeId().toString()).sorted().toList();
        }
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
