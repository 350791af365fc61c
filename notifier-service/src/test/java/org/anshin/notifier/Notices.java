package org.anshin.notifier;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.Impact;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;

/** Test notices and channel specs. */
public final class Notices {
    public static final Instant OCCURRED = Instant.parse("2026-11-25T00:00:00Z");

    private Notices() {
    }

    public static IncidentNotice.Builder builder(String noticeId, String incidentId) {
        return IncidentNotice.newBuilder()
                .setNoticeId(noticeId)
                .setIncidentId(incidentId)
                .setReportId("r-" + noticeId)
                .setSector("electricity")
                .setCeptoarId("electricity")
                .setOperatorId("tepco")
                .setNoticeType(NoticeType.NEW)
                .setClassification(Classification.EXCEEDS_VERIFICATION_LEVEL)
                .setReason("supplyLossKw 150000 >= 100000")
                .setReasonJa("供給支障電力 150000 kW >= 100000 kW")
                .setTlp(Tlp.GREEN)
                .setExercise(false)
                .setSummary("Supply loss after control-system failure")
                .setCause(Cause.UNINTENTIONAL)
                .setImpact(Impact.newBuilder().setSupplyLossKw(150_000L).build())
                .setOccurredAt(OCCURRED)
                .setClassifiedAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)) // fresh: older ones are stale (--max-notice-age)
                .setReceivedAt(Instant.now());
    }

    public static IncidentNotice notice(String noticeId, String incidentId) {
        return builder(noticeId, incidentId).build();
    }

    public static ChannelSpec spec(String id, ChannelType type, String url) {
        return new ChannelSpec(id, "electricity", type, URI.create(url), Optional.of("anshin@example.org"),
                List.of("oncall@example.org"), Optional.of("R0UTINGKEY"), Optional.empty(),
                Classification.BELOW_VERIFICATION_LEVEL, false, Duration.ZERO, 0, type.defaultMaxTlp());
    }
}
