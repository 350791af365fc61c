package org.anshin.routing.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.errors.DeadLetters;
import org.anshin.routing.fanout.NoticeIds;
import org.anshin.routing.record.RecordTopology;
import org.anshin.routing.record.RecordView;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation in the record sub-topology over the real topology (TopologyTestDriver, wall clock from T0): the
 * electricity CEPTOAR escalates to tier 2 after PT15M and tier 3 after PT30M, NISC to tier 2 after PT20M. The
 * broker test (restart, real EOS) is it.EscalationTest.
 */
class EscalationTopologyTest {
    private static final String ELECTRICITY = Topics.ceptoar("electricity");
    private static final Instant T0 = Fixture.T0;

    @TempDir
    Path dir;
    private Fixture f;

    private Fixture fixture() {
        if (f == null) {
            f = new Fixture(RoutingConfig.from(TieredConfig.load(dir, new String[] {"PT15M", "PT30M"}, "PT20M")));
        }
        return f;
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void tierTwoIsPagedAfterItsDelayAndNotBeforeThenTierThreeThenNothingMore() {
        String key = exceeding("e-1", Tlp.AMBER);
        f.driver.advanceWallClockTime(Duration.ofMinutes(14).plusSeconds(50));
        assertThat(escalated(ELECTRICITY)).as("before PT15M").isEmpty();

        f.driver.advanceWallClockTime(Duration.ofSeconds(20));
        List<IncidentNotice> tier2 = escalated(ELECTRICITY);
        assertThat(tier2).singleElement().satisfies(n -> {
            assertThat(n.getEscalationTier()).isEqualTo(2);
            assertThat(n.getNoticeType()).isEqualTo(NoticeType.ESCALATED);
            assertThat(n.getIncidentKey()).isEqualTo(key);
            assertThat(n.getCeptoarId()).isEqualTo("electricity");
            assertThat(n.getNoticeId()).isEqualTo(NoticeIds.of(key, "escalation-tier-2", "electricity", "ESCALATED"));
            // full content, AMBER included: the sector's own CEPTOAR
            assertThat(n.getOperatorId()).isEqualTo("op-electricity");
            assertThat(n.getSummary()).isEqualTo("free text of e-1");
            assertThat(n.getImpact().getSupplyLossKw()).isEqualTo(200_000L);
            assertThat(n.getClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
            assertThat(n.getTlp()).isEqualTo(Tlp.AMBER);
            assertThat(n.getReason()).startsWith("not acknowledged by electricity for PT15M").contains("100000");
            assertThat(n.getReasonJa()).contains("electricity").contains("PT15M").contains("第2段階");
        });
        assertThat(f.meters.counter("anshin.escalations.paged", "recipient", "electricity", "tier", "2").count())
                .isEqualTo(1.0);
        IncidentRecord r = record(key);
        assertThat(r.getNotices()).filteredOn(x -> x.getEscalationTier() == 2).singleElement()
                .satisfies(x -> assertThat(x.getNoticeId()).isEqualTo(tier2.get(0).getNoticeId()));
        assertThat(RecordView.timeline(r, true)).filteredOn(e -> e.kind().equals("ESCALATION")).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("paged tier 2 of electricity: not acknowledged for PT15M"));

        f.driver.advanceWallClockTime(Duration.ofMinutes(15));
        assertThat(escalated(ELECTRICITY)).extracting(IncidentNotice::getEscalationTier).containsExactly(3);
        f.driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(escalated(ELECTRICITY)).as("no tier after the last").isEmpty();
    }

    @Test
    void anAckByTheRecipientStopsItsTiersAndAnAckByAnotherSecretariatDoesNot() {
        String key = exceeding("e-2", Tlp.GREEN);
        f.send(Fixture.ack(key, "nisc", T0.plusSeconds(60)));
        f.send(Fixture.ack(key, "nisc", T0.plusSeconds(60))); // the same ackId again: folded once
        f.driver.advanceWallClockTime(Duration.ofMinutes(21));
        assertThat(escalated(ELECTRICITY)).as("NISC's ack is not electricity's").extracting(IncidentNotice::getEscalationTier)
                .containsExactly(2);
        assertThat(escalated(Topics.NISC)).as("NISC acknowledged").isEmpty();

        f.send(Fixture.ack(key, "electricity", T0.plus(Duration.ofMinutes(22))));
        f.driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(escalated(ELECTRICITY)).as("no tier 3 after electricity's ack").isEmpty();

        IncidentRecord r = record(key);
        assertThat(r.getAcknowledgements()).extracting(a -> a.getBy()).containsExactly("nisc", "electricity");
        assertThat(RecordView.timeline(r, true)).filteredOn(e -> e.kind().equals("ACK")).first().satisfies(e -> {
            assertThat(e.what()).isEqualTo("nisc");
            assertThat(e.at()).isEqualTo(T0.plusSeconds(60));
            assertThat(e.detail()).isEqualTo("acknowledged by secretariat of nisc: on it");
        });
        // acknowledged before any re-page: nothing left to track for NISC; electricity keeps tier 2 to close later
        assertThat(escalations().get(key).tracks()).extracting(Escalation.Track::recipient).containsExactly("electricity");
    }

    @Test
    void resolutionStopsTheTiersAndClosesEachReachedTierWithAResolved() {
        String key = exceeding("e-3", Tlp.GREEN);
        f.driver.advanceWallClockTime(Duration.ofMinutes(16));
        assertThat(escalated(ELECTRICITY)).hasSize(1);
        f.send(Fixture.report("e-3", "electricity").type(ReportType.RESOLVED).occurredAt(T0.minusSeconds(3600))
                .resolvedAt(T0.plus(Duration.ofMinutes(16))).impact("supplyLossKw", 200_000L).build(),
                T0.plus(Duration.ofMinutes(17)));
        List<IncidentNotice> electricity = fixture().notices(ELECTRICITY);
        assertThat(electricity).filteredOn(n -> n.getNoticeType() == NoticeType.RESOLVED)
                .extracting(IncidentNotice::getEscalationTier).containsExactly(1, 2);
        assertThat(electricity).filteredOn(n -> n.getEscalationTier() == 2).singleElement().satisfies(n -> {
            assertThat(n.getResolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(16)));
            assertThat(n.getNoticeId()).isEqualTo(NoticeIds.of(key, "escalation-tier-2", "electricity", "RESOLVED"));
        });
        assertThat(f.notices(Topics.NISC)).as("NISC reached no tier 2: nothing to close")
                .noneMatch(n -> n.getEscalationTier() != 1);
        f.driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(escalated(ELECTRICITY)).isEmpty();
        assertThat(escalated(Topics.NISC)).isEmpty();
        assertThat(escalations().get(key)).isNull();
        assertThat(RecordView.timeline(record(key), false)).filteredOn(e -> e.kind().equals("ESCALATION"))
                .extracting(RecordView.TimelineEvent::detail).last().isEqualTo("closed tier 2 of electricity: resolved");
    }

    @Test
    void aRedIncidentEscalatesOnlyForNisc() {
        exceeding("e-4", Tlp.RED);
        f.driver.advanceWallClockTime(Duration.ofMinutes(40));
        assertThat(f.notices(ELECTRICITY)).isEmpty();
        assertThat(escalated(Topics.NISC)).extracting(IncidentNotice::getEscalationTier, IncidentNotice::getTlp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, Tlp.RED));
    }

    @Test
    void aCascadeWarningRecipientNeverEscalates() {
        // water is upstream of electricity: electricity receives a CASCADE_WARNING, NISC the incident's notice
        fixture().send(Fixture.report("w-1", "water").impact("serviceStopped", true)
                .impact("waterQualityAbnormal", false).build(), T0);
        f.driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(f.notices(ELECTRICITY)).extracting(IncidentNotice::getNoticeType)
                .containsExactly(NoticeType.CASCADE_WARNING);
        assertThat(escalated(Topics.NISC)).extracting(IncidentNotice::getSector, IncidentNotice::getEscalationTier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("water", 2));
    }

    @Test
    void aBelowLevelIncidentDoesNotEscalateUntilItExceeds() {
        fixture().send(Fixture.report("e-5", "electricity").impact("supplyLossKw", 10L).build(), T0);
        f.driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(escalated(ELECTRICITY)).isEmpty();
        f.send(Fixture.report("e-5", "electricity").type(ReportType.UPDATE).impact("supplyLossKw", 500_000L).build(),
                T0.plus(Duration.ofHours(1)));
        f.driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(escalated(ELECTRICITY)).as("the clock started at the crossing (after 10 min), not at 0").isEmpty();
        f.driver.advanceWallClockTime(Duration.ofMinutes(6));
        assertThat(escalated(ELECTRICITY)).extracting(IncidentNotice::getEscalationTier).containsExactly(2);
    }

    @Test
    void drillsEscalateOnTheExerciseTopicsOnly() {
        fixture().exerciseReports.pipeInput("op-electricity/d-1", Fixture.report("d-1", "electricity").exercise(true)
                .occurredAt(T0.minusSeconds(3600)).impact("supplyLossKw", 200_000L).build(), T0);
        f.driver.advanceWallClockTime(Duration.ofMinutes(16));
        assertThat(escalated(Topics.exercise(ELECTRICITY))).singleElement().satisfies(n -> {
            assertThat(n.getExercise()).isTrue();
            assertThat(n.getEscalationTier()).isEqualTo(2);
        });
        assertThat(f.notices(ELECTRICITY)).isEmpty();
    }

    @Test
    void anAckOfAnUnknownIncidentIsDeadLetteredWithoutItsNote() {
        fixture().send(Fixture.ack("no-such-key", "electricity", T0));
        var dlq = f.driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assertThat(dlq.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(new String(r.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("unknown-incident");
            assertThat(new String(r.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8))
                    .contains("no-such-key").doesNotContain("on it");
        });
    }

    /** An electricity incident beyond its level at T0 (100,000 kW lost for an hour already); its incidentKey. */
    private String exceeding(String id, Tlp tlp) {
        fixture().send(Fixture.report(id, "electricity").tlp(tlp).occurredAt(T0.minusSeconds(3600))
                .impact("supplyLossKw", 200_000L).build(), T0);
        List<IncidentNotice> first = f.notices(Topics.NISC);
        assertThat(first).extracting(IncidentNotice::getClassification)
                .containsExactly(Classification.EXCEEDS_VERIFICATION_LEVEL);
        if (tlp != Tlp.RED) {
            assertThat(f.notices(ELECTRICITY)).hasSize(1);
        }
        return first.get(0).getIncidentKey();
    }

    /** The tier >= 2 notices written to {@code topic} since the last read (every notice of it is consumed). */
    private List<IncidentNotice> escalated(String topic) {
        return fixture().notices(topic).stream().filter(n -> n.getEscalationTier() >= 2).toList();
    }

    private IncidentRecord record(String key) {
        KeyValueStore<String, IncidentRecord> store = f.driver.getKeyValueStore(RecordTopology.RECORDS_STORE);
        return store.get(key);
    }

    private KeyValueStore<String, Escalation> escalations() {
        return f.driver.getKeyValueStore(Escalations.STORE);
    }
}
