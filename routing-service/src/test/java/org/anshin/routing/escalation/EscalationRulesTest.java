package org.anshin.routing.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anshin.common.config.EscalationTier;
import org.anshin.routing.record.RecordFold;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordEntryKind;
import org.anshin.schemas.RecordedNotice;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

/** The pure escalation decisions: gas escalates at PT15M and PT30M, NISC at PT20M, electricity has no policy. */
class EscalationRulesTest {
    private static final Instant T0 = Instant.parse("2026-07-01T03:00:00Z");
    private static final EscalationPolicy POLICY = new EscalationPolicy(Map.of(
            "gas", List.of(tier(2, "PT15M", "gas-duty"), tier(3, "PT30M", "gas-chief")),
            "nisc", List.of(tier(2, "PT20M", "nisc-duty"))),
            Map.of("gas", "gas", "electricity", "electricity"));
    private final EscalationRules rules = new EscalationRules(POLICY);

    @Test
    void clocksStartAtTheFirstExceedingDecisionForTheOwnRecipientsWithTiersOnly() {
        IncidentRecordEntry below = entry(0, Classification.BELOW_VERIFICATION_LEVEL, IncidentStatus.OPEN, Tlp.GREEN,
                NoticeType.NEW);
        IncidentRecord r0 = RecordFold.apply(null, below);
        assertThat(rules.onEntry(null, null, r0, below).next()).as("below the level").isNull();

        IncidentRecordEntry exceeds = entry(1, Classification.EXCEEDS_VERIFICATION_LEVEL, IncidentStatus.OPEN,
                Tlp.GREEN, NoticeType.ESCALATED);
        IncidentRecord r1 = RecordFold.apply(r0, exceeds);
        Escalation started = rules.onEntry(null, r0, r1, exceeds).next();
        // the cascade warnings to electricity (no policy anyway) and the council are never tracked
        assertThat(started.tracks()).containsExactly(
                new Escalation.Track("gas", T0.plusSeconds(600), 1, false),
                new Escalation.Track("nisc", T0.plusSeconds(600), 1, false));
        assertThat(rules.nextDue(started)).contains(T0.plusSeconds(600).plus(Duration.ofMinutes(15)));

        IncidentRecordEntry later = entry(2, Classification.EXCEEDS_VERIFICATION_LEVEL, IncidentStatus.OPEN,
                Tlp.GREEN, NoticeType.UPDATED);
        assertThat(rules.onEntry(started, r1, RecordFold.apply(r1, later), later).next())
                .as("a later exceeding notice does not move the start").isEqualTo(started);
    }

    @Test
    void aCascadeWarningToARecipientWithTiersStartsNothing() {
        EscalationRules gasWatchesElectricity = new EscalationRules(new EscalationPolicy(Map.of(
                "gas", List.of(tier(2, "PT15M", "gas-duty"))), Map.of("gas", "gas", "electricity", "electricity")));
        IncidentRecordEntry exceeds = entry(0, Classification.EXCEEDS_VERIFICATION_LEVEL, IncidentStatus.OPEN,
                Tlp.GREEN, NoticeType.NEW, "electricity");
        IncidentRecord r = RecordFold.apply(null, exceeds);
        assertThat(gasWatchesElectricity.onEntry(null, null, r, exceeds).next()).isNull();
    }

    @Test
    void aRecipientThatAcknowledgedBeforeTheCrossingIsNotTracked() {
        IncidentRecordEntry below = entry(0, Classification.BELOW_VERIFICATION_LEVEL, IncidentStatus.OPEN, Tlp.GREEN,
                NoticeType.NEW);
        IncidentRecord r0 = RecordFold.apply(RecordFold.apply(null, below), ack("gas", T0.plusSeconds(60)));
        IncidentRecordEntry exceeds = entry(1, Classification.EXCEEDS_VERIFICATION_LEVEL, IncidentStatus.OPEN,
                Tlp.GREEN, NoticeType.ESCALATED);
        Escalation e = rules.onEntry(null, r0, RecordFold.apply(r0, exceeds), exceeds).next();
        assertThat(e.tracks()).extracting(Escalation.Track::recipient).containsExactly("nisc");
    }

    @Test
    void theClockPagesEveryOverdueTierOnceAndNotBeforeItsTime() {
        IncidentRecord r = exceeding(Tlp.GREEN);
        Escalation e = new Escalation(false, List.of(new Escalation.Track("gas", T0, 1, false)));
        EscalationRules.Step early = rules.onClock(e, r, T0.plus(Duration.ofMinutes(15)).minusMillis(1));
        assertThat(early.pages()).isEmpty();
        assertThat(early.next()).isEqualTo(e);

        EscalationRules.Step late = rules.onClock(e, r, T0.plus(Duration.ofMinutes(40))); // after an outage
        assertThat(late.pages()).extracting(p -> p.tier().tier()).containsExactly(2, 3);
        assertThat(late.next().tracks()).singleElement().extracting(Escalation.Track::tierReached).isEqualTo(3);
        assertThat(rules.nextDue(late.next())).as("no tier after the last").isEmpty();
        assertThat(rules.onClock(late.next(), r, T0.plus(Duration.ofHours(5))).pages()).isEmpty();
    }

    @Test
    void anAckStopsOnlyItsRecipientAndKeepsReachedTiersForTheResolution() {
        IncidentRecord r = exceeding(Tlp.GREEN);
        Escalation e = new Escalation(false, List.of(new Escalation.Track("gas", T0, 2, false),
                new Escalation.Track("nisc", T0, 1, false)));
        Escalation afterNisc = rules.onAck(e, "nisc").next();
        assertThat(afterNisc.tracks()).as("NISC acknowledged before any re-page: nothing left to do for it")
                .containsExactly(new Escalation.Track("gas", T0, 2, false));
        assertThat(rules.onAck(afterNisc, "electricity").next()).as("not a tracked recipient").isEqualTo(afterNisc);
        Escalation afterGas = rules.onAck(afterNisc, "gas").next();
        assertThat(afterGas.tracks()).containsExactly(new Escalation.Track("gas", T0, 2, true));
        assertThat(rules.nextDue(afterGas)).isEmpty();
        assertThat(rules.onClock(afterGas, r, T0.plus(Duration.ofHours(1))).pages()).isEmpty();
    }

    @Test
    void resolutionEndsTheEscalationWithAResolvedForEachReachedTier() {
        IncidentRecord open = exceeding(Tlp.GREEN);
        Escalation e = new Escalation(false, List.of(new Escalation.Track("gas", T0, 3, true),
                new Escalation.Track("nisc", T0, 1, false)));
        IncidentRecordEntry resolved = entry(3, Classification.EXCEEDS_VERIFICATION_LEVEL, IncidentStatus.RESOLVED,
                Tlp.GREEN, NoticeType.RESOLVED);
        EscalationRules.Step step = rules.onEntry(e, open, RecordFold.apply(open, resolved), resolved);
        assertThat(step.next()).isNull();
        assertThat(step.closings()).containsExactly(new EscalationRules.Closing("gas", 2),
                new EscalationRules.Closing("gas", 3));
    }

    @Test
    void aReopenedIncidentDoesNotStartAgain() {
        IncidentRecord resolved = RecordFold.apply(exceeding(Tlp.GREEN), entry(3,
                Classification.EXCEEDS_VERIFICATION_LEVEL, IncidentStatus.RESOLVED, Tlp.GREEN, NoticeType.RESOLVED));
        IncidentRecordEntry reopened = entry(4, Classification.EXCEEDS_VERIFICATION_LEVEL, IncidentStatus.OPEN,
                Tlp.GREEN, NoticeType.UPDATED);
        assertThat(rules.onEntry(null, resolved, RecordFold.apply(resolved, reopened), reopened).next()).isNull();
    }

    @Test
    void onceRedOnlyNiscIsPagedOrClosed() {
        IncidentRecord red = exceeding(Tlp.RED);
        Escalation e = new Escalation(false, List.of(new Escalation.Track("gas", T0, 2, false),
                new Escalation.Track("nisc", T0, 1, false)));
        EscalationRules.Step step = rules.onClock(e, red, T0.plus(Duration.ofMinutes(25)));
        assertThat(step.pages()).extracting(EscalationRules.Page::recipient).containsExactly("nisc");
        assertThat(step.next().tracks()).extracting(Escalation.Track::recipient).containsExactly("nisc");
    }

    /** An open gas incident that exceeded at T0 + 10 min, with this TLP. */
    private static IncidentRecord exceeding(Tlp tlp) {
        IncidentRecord r = RecordFold.apply(null, entry(0, Classification.BELOW_VERIFICATION_LEVEL,
                IncidentStatus.OPEN, tlp, NoticeType.NEW));
        return RecordFold.apply(r, entry(1, Classification.EXCEEDS_VERIFICATION_LEVEL, IncidentStatus.OPEN, tlp,
                NoticeType.ESCALATED));
    }

    private static IncidentRecordEntry entry(int i, Classification c, IncidentStatus status, Tlp tlp, NoticeType type) {
        return entry(i, c, status, tlp, type, "gas");
    }

    /** Decision i (at T0 + 10 min * i) of an incident of {@code sector} with its notices, cascade warnings too. */
    private static IncidentRecordEntry entry(int i, Classification c, IncidentStatus status, Tlp tlp, NoticeType type,
                                             String sector) {
        Instant at = T0.plusSeconds(600L * i);
        List<RecordedNotice> notices = new ArrayList<>();
        List<String> own = tlp == Tlp.RED ? List.of("nisc") : List.of(sector, "nisc");
        for (String recipient : own) {
            notices.add(notice(i, type, recipient, c, at));
        }
        if (c == Classification.EXCEEDS_VERIFICATION_LEVEL && tlp != Tlp.RED && i <= 1) {
            for (String dependent : List.of(sector.equals("gas") ? "electricity" : "gas", "council")) {
                notices.add(notice(i, NoticeType.CASCADE_WARNING, dependent, c, at));
            }
        }
        return IncidentRecordEntry.newBuilder().setIncidentKey("key-1").setIncidentId("inc-1").setOperatorId("op-1")
                .setSector(sector).setExercise(false).setKind(RecordEntryKind.TIMER).setAt(at).setReport(null)
                .setStatus(status).setClassification(c).setServiceLevelBreached(null).setReason("reason " + i)
                .setTlp(tlp).setCause(Cause.UNKNOWN).setOccurredAt(T0)
                .setResolvedAt(status == IncidentStatus.RESOLVED ? at : null).setNotices(notices).build();
    }

    private static RecordedNotice notice(int i, NoticeType type, String recipient, Classification c, Instant at) {
        return RecordedNotice.newBuilder().setNoticeId("n" + i + "-" + recipient + "-" + type).setNoticeType(type)
                .setRecipient(recipient).setClassification(c).setAt(at).setReportId(null).build();
    }

    private static IncidentAcknowledgement ack(String by, Instant at) {
        return IncidentAcknowledgement.newBuilder().setAckId("ack-" + by + "-" + at.toEpochMilli())
                .setIncidentKey("key-1").setBy(by).setByName(by).setNote("").setExercise(false).setAt(at).build();
    }

    private static EscalationTier tier(int n, String after, String channel) {
        return new EscalationTier(n, Duration.parse(after), List.of(channel));
    }
}
