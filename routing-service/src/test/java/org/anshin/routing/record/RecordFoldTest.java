package org.anshin.routing.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;
import org.anshin.schemas.Classification;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.Impact;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordEntryKind;
import org.anshin.schemas.RecordedNotice;
import org.anshin.schemas.RecordedReport;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.registry.InMemorySchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.junit.jupiter.api.Test;

class RecordFoldTest {
    static final Instant T0 = Instant.parse("2026-07-01T03:00:00Z");

    @Test
    void foldingTheSameDecisionOrReceiptTwiceChangesNothing() {
        IncidentRecord r = RecordFold.apply(null, entry(0, ReportType.INITIAL, Classification.BELOW_VERIFICATION_LEVEL));
        assertThat(RecordFold.apply(r, entry(0, ReportType.INITIAL, Classification.BELOW_VERIFICATION_LEVEL)))
                .isEqualTo(r);
        IncidentRecord delivered = RecordFold.apply(r, receipt("n0-gas", "gas/webhook-1", DeliveryOutcome.DELIVERED));
        assertThat(RecordFold.apply(delivered, receipt("n0-gas", "gas/webhook-1", DeliveryOutcome.DELIVERED))
                .getDeliveries()).hasSize(1);
    }

    @Test
    void aReceiptBeforeItsDecisionIsKeptAndTheDecisionCompletesTheRecord() {
        IncidentRecord stub = RecordFold.apply(null, receipt("n0-gas", "gas/webhook-1", DeliveryOutcome.DELIVERED));
        assertThat(RecordFold.isStub(stub)).isTrue();
        IncidentRecord r = RecordFold.apply(stub, entry(0, ReportType.INITIAL, Classification.BELOW_VERIFICATION_LEVEL));
        assertThat(RecordFold.isStub(r)).isFalse();
        assertThat(r.getOperatorId()).isEqualTo("tokyo-gas");
        assertThat(r.getDeliveries()).hasSize(1);
        assertThat(r.getReportCount()).isEqualTo(1);
    }

    @Test
    void listsAreBoundedButCountsStayExact() {
        IncidentRecord r = null;
        for (int i = 0; i < RecordFold.MAX_REPORTS + 50; i++) {
            r = RecordFold.apply(r, entry(i, i == 0 ? ReportType.INITIAL : ReportType.UPDATE,
                    Classification.BELOW_VERIFICATION_LEVEL));
        }
        assertThat(r.getReports()).hasSize(RecordFold.MAX_REPORTS);
        assertThat(r.getReports().get(0).getReportId()).isEqualTo("r50");
        assertThat(r.getReportCount()).isEqualTo(RecordFold.MAX_REPORTS + 50);
        assertThat(r.getNoticeCount()).isEqualTo(2 * (RecordFold.MAX_REPORTS + 50));
    }

    @Test
    void anAcknowledgementIsFoldedOncePerAckIdAndTheListIsBounded() {
        IncidentRecord r = RecordFold.apply(null, entry(0, ReportType.INITIAL, Classification.BELOW_VERIFICATION_LEVEL));
        IncidentRecord acked = RecordFold.apply(r, ack("a-0", T0.plusSeconds(30)));
        assertThat(RecordFold.apply(acked, ack("a-0", T0.plusSeconds(30)))).isSameAs(acked);
        assertThat(acked.getAcknowledgements()).singleElement().satisfies(a -> {
            assertThat(a.getBy()).isEqualTo("gas");
            assertThat(a.getByName()).isEqualTo("GAS CEPTOAR");
            assertThat(a.getNote()).isEqualTo("we have it");
            assertThat(a.getAckId()).isEqualTo("a-0");
        });
        assertThat(RecordView.timeline(acked, false)).filteredOn(e -> e.kind().equals("ACK")).singleElement()
                .satisfies(e -> {
                    assertThat(e.at()).isEqualTo(T0.plusSeconds(30));
                    assertThat(e.detail()).isEqualTo("acknowledged by GAS CEPTOAR: we have it");
                });
        for (int i = 1; i < RecordFold.MAX_ACKS + 20; i++) {
            acked = RecordFold.apply(acked, ack("a-" + i, T0.plusSeconds(30 + i)));
        }
        assertThat(acked.getAcknowledgements()).hasSize(RecordFold.MAX_ACKS);
        assertThat(acked.getAcknowledgements().get(RecordFold.MAX_ACKS - 1).getAckId())
                .isEqualTo("a-" + (RecordFold.MAX_ACKS + 19));
    }

    static org.anshin.schemas.IncidentAcknowledgement ack(String ackId, Instant at) {
        return org.anshin.schemas.IncidentAcknowledgement.newBuilder().setAckId(ackId)
                .setIncidentKey("4f1c2e7a-0c3b-3d5e-9a61-2b7f0e8d9c41").setBy("gas").setByName("GAS CEPTOAR")
                .setNote("we have it").setExercise(false).setAt(at).build();
    }

    /**
     * The figure docs/RECORD.md sizes the record with: a typical incident of 4 reports (initial, 2 updates, the
     * resolution), 8 notices (its CEPTOAR and NISC each time) and 16 final deliveries (2 channels per recipient).
     */
    @Test
    void aTypicalIncidentsRecordIsAFewKilobytes() {
        IncidentRecord r = null;
        ReportType[] types = {ReportType.INITIAL, ReportType.UPDATE, ReportType.UPDATE, ReportType.RESOLVED};
        for (int i = 0; i < types.length; i++) {
            r = RecordFold.apply(r, entry(i, types[i], i >= 1 ? Classification.EXCEEDS_VERIFICATION_LEVEL
                    : Classification.BELOW_VERIFICATION_LEVEL));
            for (String recipient : List.of("gas", "nisc")) {
                for (String channel : List.of("webhook-1", "email-2")) {
                    r = RecordFold.apply(r, receipt("n" + i + "-" + recipient, recipient + "/" + channel,
                            DeliveryOutcome.DELIVERED));
                }
            }
        }
        byte[] bytes = ConfluentAvroSerde.forValue(IncidentRecord.class, new InMemorySchemaRegistry(), true)
                .serialize("incidents.record", r);
        assertThat(r.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(r.getDeliveries()).hasSize(16);
        assertThat(bytes.length).as("bytes of a typical record").isBetween(1_500, 6_000);
        System.out.println("typical incident record: " + bytes.length + " bytes");
    }

    static IncidentRecordEntry entry(int i, ReportType type, Classification c) {
        Instant at = T0.plusSeconds(600L * i);
        RecordedReport report = RecordedReport.newBuilder().setReportId("r" + i).setReportType(type).setOccurredAt(T0)
                .setDetectedAt(T0.plusSeconds(120)).setResolvedAt(type == ReportType.RESOLVED ? at : null)
                .setReceivedAt(at).setImpact(Impact.newBuilder().setAffectedHouseholds(12_000L * (i + 1)).build())
                .setCause(Cause.CYBER_ATTACK).setCiaImpact(List.of(CiaImpact.AVAILABILITY)).setTlp(Tlp.AMBER)
                .setSummary("Gas supply control system unreachable in the Kanto area; households affected; "
                        + "the operator is restoring from backup.")
                .build();
        List<RecordedNotice> notices = new ArrayList<>();
        NoticeType nt = i == 0 ? NoticeType.NEW : type == ReportType.RESOLVED ? NoticeType.RESOLVED
                : i == 1 ? NoticeType.ESCALATED : NoticeType.UPDATED;
        for (String recipient : List.of("gas", "nisc")) {
            notices.add(RecordedNotice.newBuilder().setNoticeId("n" + i + "-" + recipient).setNoticeType(nt)
                    .setRecipient(recipient).setClassification(c).setAt(at).setReportId("r" + i).build());
        }
        return IncidentRecordEntry.newBuilder().setIncidentKey("4f1c2e7a-0c3b-3d5e-9a61-2b7f0e8d9c41")
                .setIncidentId("tg-2026-0042").setOperatorId("tokyo-gas").setSector("gas").setExercise(false)
                .setKind(RecordEntryKind.REPORT).setAt(at).setReport(report)
                .setStatus(type == ReportType.RESOLVED ? IncidentStatus.RESOLVED : IncidentStatus.OPEN)
                .setClassification(c).setServiceLevelBreached(null)
                .setReason("affectedHouseholds " + 12_000L * (i + 1) + " against the gas level of 30,000 households")
                .setTlp(Tlp.AMBER).setCause(Cause.CYBER_ATTACK).setOccurredAt(T0)
                .setResolvedAt(type == ReportType.RESOLVED ? at : null).setNotices(notices).build();
    }

    static DeliveryReceipt receipt(String noticeId, String channel, DeliveryOutcome outcome) {
        return DeliveryReceipt.newBuilder().setNoticeId(noticeId).setIncidentId("tg-2026-0042")
                .setIncidentKey("4f1c2e7a-0c3b-3d5e-9a61-2b7f0e8d9c41").setCeptoarId(channel.split("/")[0])
                .setChannel(channel).setChannelType(channel.contains("email") ? "email" : "webhook").setAttempt(1)
                .setOutcome(outcome).setLatencyMs(40).setError(null).setAttemptedAt(T0.plusSeconds(3))
                .setIdempotencyKey(noticeId + "." + channel).setExercise(false).build();
    }
}
