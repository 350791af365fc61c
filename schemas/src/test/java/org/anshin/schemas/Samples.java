package org.anshin.schemas;

import java.time.Instant;
import java.util.List;

/** Sample records for the schema tests. */
public final class Samples {
    private Samples() {
    }

    public static IncidentReport report(String reportId) {
        return IncidentReport.newBuilder()
                .setReportId(reportId)
                .setIncidentId("tepco-2026-0042")
                .setOperatorId("demo-electricity-operator")
                .setReportType(ReportType.INITIAL)
                .setSector("electricity")
                .setOccurredAt(Instant.parse("2026-11-25T00:00:00Z"))
                .setDetectedAt(Instant.parse("2026-11-25T00:02:00Z"))
                .setSummary("制御系の障害による供給支障 / supply loss after control-system failure")
                .setCause(Cause.UNINTENTIONAL)
                .setCiaImpact(List.of(CiaImpact.AVAILABILITY))
                .setImpact(Impact.newBuilder().setSupplyLossKw(150_000L).build())
                .setTlp(Tlp.AMBER_STRICT)
                .setExercise(false)
                .setReceivedAt(Instant.parse("2026-11-25T00:02:05Z"))
                .build();
    }
}
