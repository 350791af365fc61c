package org.anshin.routing.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.Classification;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Topics;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The record sub-topology over the real topology (TopologyTestDriver); the broker test is it.IncidentRecordTest. */
class RecordTopologyTest {
    private final Fixture f = new Fixture(RoutingConfig.from(Fixture.ANSHIN).withClosingPeriod(Duration.ofMinutes(5)));
    private final ConfluentAvroSerde<IncidentRecord> recordSerde =
            ConfluentAvroSerde.forValue(IncidentRecord.class, f.registry, false);
    private final ConfluentAvroSerde<DeliveryReceipt> receiptSerde =
            ConfluentAvroSerde.forValue(DeliveryReceipt.class, f.registry, true);
    private final TestOutputTopic<String, IncidentRecord> records = f.driver.createOutputTopic(Topics.RECORD,
            Serdes.String().deserializer(), recordSerde.deserializer());
    private final TestOutputTopic<String, IncidentRecord> drillRecords = f.driver.createOutputTopic(
            Topics.exercise(Topics.RECORD), Serdes.String().deserializer(), recordSerde.deserializer());
    private final TestInputTopic<String, DeliveryReceipt> receipts = f.driver.createInputTopic(Topics.DELIVERIES,
            Serdes.String().serializer(), receiptSerde.serializer());

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void anIncidentsReportsNoticesAndDeliveriesEndUpInItsRecordInOrder() {
        Instant t0 = Fixture.T0;
        f.send(Fixture.report("tg-1", "gas").reportId("r1").impact("affectedHouseholds", 10L).build(), t0);
        f.send(Fixture.report("tg-1", "gas").reportId("r2").type(ReportType.UPDATE)
                .impact("affectedHouseholds", 40_000L).build(), t0.plusSeconds(60));
        List<IncidentNotice> notices = f.notices(Topics.ceptoar("gas"));
        assertThat(notices).extracting(IncidentNotice::getNoticeType).containsExactly(NoticeType.NEW, NoticeType.ESCALATED);
        IncidentNotice escalated = notices.get(1);
        receipts.pipeInput(escalated.getNoticeId(), receipt(escalated, "gas/webhook-1", DeliveryOutcome.RETRYING, 1));
        receipts.pipeInput(escalated.getNoticeId(), receipt(escalated, "gas/webhook-1", DeliveryOutcome.DELIVERED, 2));
        // at least once: the same receipt again changes nothing
        receipts.pipeInput(escalated.getNoticeId(), receipt(escalated, "gas/webhook-1", DeliveryOutcome.DELIVERED, 2));
        receipts.pipeInput(escalated.getNoticeId(), receipt(escalated, "gas/email-2", DeliveryOutcome.FAILED, 6));
        f.send(Fixture.report("tg-1", "gas").reportId("r3").type(ReportType.RESOLVED).resolvedAt(t0.plusSeconds(600))
                .impact("affectedHouseholds", 40_000L).build(), t0.plusSeconds(700));

        IncidentRecord r = latest(records).get(escalated.getIncidentKey());
        assertThat(r.getIncidentId()).isEqualTo("tg-1");
        assertThat(r.getOperatorId()).isEqualTo("op-gas");
        assertThat(r.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(r.getEverExceeded()).isTrue();
        assertThat(r.getFirstExceededAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(r.getReports()).extracting(x -> x.getReportId()).containsExactly("r1", "r2", "r3");
        assertThat(r.getReportCount()).isEqualTo(3);
        assertThat(r.getClassifications()).extracting(c -> c.getClassification())
                .containsExactly(Classification.BELOW_VERIFICATION_LEVEL, Classification.EXCEEDS_VERIFICATION_LEVEL);
        // one notice per recipient: the sector's CEPTOAR and NISC
        assertThat(r.getNotices()).extracting(n -> n.getNoticeType()).containsExactly(NoticeType.NEW, NoticeType.NEW,
                NoticeType.ESCALATED, NoticeType.ESCALATED, NoticeType.RESOLVED, NoticeType.RESOLVED);
        assertThat(r.getNotices()).extracting(n -> n.getRecipient()).containsOnly("gas", "nisc");
        assertThat(r.getNoticeCount()).isEqualTo(r.getNotices().size());
        assertThat(r.getNotices()).extracting(n -> n.getNoticeId()).contains(escalated.getNoticeId());
        assertThat(r.getDeliveries()).extracting(d -> d.getChannel() + "=" + d.getOutcome())
                .containsExactly("gas/webhook-1=DELIVERED", "gas/email-2=FAILED");
        assertThat(r.getRetryCount()).isEqualTo(1);
        assertThat(r.getResolvedAt()).isEqualTo(t0.plusSeconds(600));
    }

    /**
     * A record holding a RESOLVED report (its nullable resolvedAt set) read back from the store: comparing it with
     * its update went through Avro's GenericData, which has no Instant conversion ("Unknown datum type
     * java.time.Instant"), and every receipt of the resolution notice went to the dead-letter topic instead.
     */
    @Test
    void theResolutionsOwnDeliveriesReachTheRecord() {
        f.send(Fixture.report("tg-5", "gas").reportId("a").impact("affectedHouseholds", 40_000L).build(), Fixture.T0);
        f.send(Fixture.report("tg-5", "gas").reportId("b").type(ReportType.RESOLVED).resolvedAt(Fixture.T0)
                .impact("affectedHouseholds", 40_000L).build(), Fixture.T0.plusSeconds(60));
        IncidentNotice resolved = f.notices(Topics.ceptoar("gas")).stream()
                .filter(n -> n.getNoticeType() == NoticeType.RESOLVED).findFirst().orElseThrow();
        receipts.pipeInput(resolved.getNoticeId(), receipt(resolved, "gas/webhook-1", DeliveryOutcome.DELIVERED, 1));
        // the same receipt again: nothing new, and no dead letter either
        receipts.pipeInput(resolved.getNoticeId(), receipt(resolved, "gas/webhook-1", DeliveryOutcome.DELIVERED, 1));

        IncidentRecord r = latest(records).get(resolved.getIncidentKey());
        assertThat(r.getDeliveries()).extracting(d -> d.getNoticeId() + "=" + d.getOutcome())
                .containsExactly(resolved.getNoticeId() + "=DELIVERED");
        assertThat(f.driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .getQueueSize()).as("dead letters").isZero();
    }

    @Test
    void theRecordOutlivesTheLiveStateAndSaysWhenTheIncidentClosed() {
        f.send(Fixture.report("tg-2", "gas").reportId("a").build(), Fixture.T0);
        f.send(Fixture.report("tg-2", "gas").reportId("b").type(ReportType.RESOLVED).resolvedAt(Fixture.T0).build(),
                Fixture.T0.plusSeconds(1));
        f.driver.advanceWallClockTime(Duration.ofMinutes(6));
        assertThat(f.state("tg-2")).as("live state after the closing period").isNull();
        IncidentRecord r = latest(records).values().iterator().next();
        assertThat(r.getStatus()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(r.getClosedAt()).isNotNull();
        assertThat(r.getReports()).hasSize(2);
    }

    @Test
    void drillsHaveTheirOwnRecordsOnTheExerciseTopic() {
        f.exerciseReports.pipeInput("op-gas/tg-3", Fixture.report("tg-3", "gas").exercise(true).build(), Fixture.T0);
        f.send(Fixture.report("tg-3", "gas").build(), Fixture.T0);
        Map<String, IncidentRecord> drills = latest(drillRecords);
        Map<String, IncidentRecord> real = latest(records);
        assertThat(drills).hasSize(1);
        assertThat(drills.values().iterator().next().getExercise()).isTrue();
        assertThat(real).hasSize(1);
        assertThat(real.values().iterator().next().getExercise()).isFalse();
        assertThat(drills.keySet()).doesNotContainAnyElementsOf(real.keySet());
    }

    @Test
    void theRecordSaysWhetherTheOperatorsOwnServiceLevelWasBreached() {
        // demo-gas-operator declares 1,000 households for 30 minutes; op-gas declares none
        f.send(Fixture.report("sl-1", "gas").operator("demo-gas-operator").occurredAt(Fixture.T0.minusSeconds(3600))
                .impact("affectedHouseholds", 2_000L).build(), Fixture.T0);
        f.send(Fixture.report("sl-2", "gas").operator("demo-gas-operator").impact("affectedHouseholds", 5L).build(),
                Fixture.T0);
        f.send(Fixture.report("sl-3", "gas").impact("affectedHouseholds", 5L).build(), Fixture.T0);
        Map<String, IncidentRecord> byId = new LinkedHashMap<>();
        latest(records).values().forEach(r -> byId.put(r.getIncidentId(), r));
        assertThat(byId.get("sl-1").getServiceLevelBreached()).isTrue();
        assertThat(byId.get("sl-1").getClassifications().get(0).getServiceLevelBreached()).isTrue();
        assertThat(byId.get("sl-2").getServiceLevelBreached()).isFalse();
        assertThat(byId.get("sl-3").getServiceLevelBreached()).as("no service level declared").isNull();
    }

    private static Map<String, IncidentRecord> latest(TestOutputTopic<String, IncidentRecord> topic) {
        Map<String, IncidentRecord> out = new LinkedHashMap<>();
        topic.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
        return out;
    }

    static DeliveryReceipt receipt(IncidentNotice n, String channel, DeliveryOutcome outcome, int attempt) {
        return DeliveryReceipt.newBuilder().setNoticeId(n.getNoticeId()).setIncidentId(n.getIncidentId())
                .setIncidentKey(n.getIncidentKey()).setCeptoarId(n.getCeptoarId()).setChannel(channel)
                .setChannelType(channel.contains("email") ? "email" : "webhook").setAttempt(attempt).setOutcome(outcome)
                .setLatencyMs(5).setError(outcome == DeliveryOutcome.FAILED ? "SMTP 550" : null)
                .setAttemptedAt(n.getClassifiedAt().plusSeconds(attempt)).setIdempotencyKey(n.getNoticeId() + "." + channel)
                .setExercise(n.getExercise()).build();
    }
}
