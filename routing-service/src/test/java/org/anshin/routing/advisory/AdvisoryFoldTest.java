package org.anshin.routing.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.RecordedFeedback;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

/** The pure folds of an advisory's record, and who an advisory reaches (the contract's advisory TLP rules). */
class AdvisoryFoldTest {
    private static final AdvisoryAudience AUDIENCE = AdvisoryAudience.from(Fixture.ANSHIN);
    private final Advisory advisory = Fixture.advisory("a-1", "gas", "electricity").build();
    private final AdvisoryRecord start = AdvisoryFold.start(advisory, List.of("electricity", "gas"));

    @Test
    void anOperatorsLatestAnswerReplacesItsEarlierOneAndALateOlderAnswerChangesNothing() {
        var first = Fixture.answer("a-1", "demo-gas-operator", true, Fixture.T0.plusSeconds(10));
        var changed = Fixture.answer("a-1", "demo-gas-operator", false, Fixture.T0.plusSeconds(20));
        var other = Fixture.answer("a-1", "demo-electricity-operator", true, Fixture.T0.plusSeconds(15));
        AdvisoryRecord r = AdvisoryFold.apply(AdvisoryFold.apply(start, first), other);
        assertThat(AdvisoryFold.apply(r, first)).isEqualTo(r); // resent: nothing new
        r = AdvisoryFold.apply(r, changed);
        assertThat(r.getFeedback()).extracting(RecordedFeedback::getOperatorId)
                .containsExactlyInAnyOrder("demo-gas-operator", "demo-electricity-operator");
        assertThat(AdvisoryFold.answerOf(r, "demo-gas-operator")).get().extracting(RecordedFeedback::getUseful)
                .isEqualTo(false);
        assertThat(AdvisoryFold.apply(r, first)).isEqualTo(r); // older than the answer it would replace
        assertThat(r.getUpdatedAt()).isEqualTo(Fixture.T0.plusSeconds(20));
    }

    @Test
    void finalOutcomesAreListedOncePerNoticeAndChannelAndRetriesChangeNothing() {
        AdvisoryRecord r = AdvisoryFold.apply(start, receipt("gas/webhook-1", DeliveryOutcome.RETRYING, 1));
        assertThat(r).isEqualTo(start);
        r = AdvisoryFold.apply(r, receipt("gas/webhook-1", DeliveryOutcome.DELIVERED, 2));
        AdvisoryRecord again = AdvisoryFold.apply(r, receipt("gas/webhook-1", DeliveryOutcome.DELIVERED, 2));
        assertThat(again).isEqualTo(r);
        r = AdvisoryFold.apply(r, receipt("gas/email-1", DeliveryOutcome.SKIPPED, 0));
        assertThat(r.getDeliveries()).extracting(d -> d.getChannel() + "=" + d.getOutcome())
                .containsExactly("gas/webhook-1=DELIVERED", "gas/email-1=SKIPPED");
    }

    @Test
    void recipientsAreTheSectorsCeptoarsAndAllIsEveryCeptoarAndTheCouncilButNotNisc() {
        assertThat(AUDIENCE.recipients(Fixture.advisory("a", "gas", "government").build()))
                .containsOnlyKeys("gas", "local-government")
                .containsEntry("local-government", List.of("government"));
        var all = AUDIENCE.recipients(Fixture.advisory("a", "all").build());
        assertThat(all.keySet()).contains("council", "telecom", "logistics").doesNotContain("nisc").hasSize(15);
        assertThat(all.get("council")).isEmpty();
        assertThat(all.get("local-government")).containsExactly("government");
        assertThat(AUDIENCE.unknownSectors(Fixture.advisory("a", "gas", "moon").build())).containsExactly("moon");
    }

    @Test
    void amberStrictReachesNoOperatorAndOtherTlpsTheAddressedSectorsOperators() {
        Advisory green = Fixture.advisory("a", "gas").build();
        Advisory strict = Fixture.advisory("a", "gas").setTlp(Tlp.AMBER_STRICT).build();
        assertThat(AUDIENCE.addresses(green, "demo-gas-operator")).isTrue();
        assertThat(AUDIENCE.addresses(green, "demo-electricity-operator")).isFalse();
        assertThat(AUDIENCE.addresses(strict, "demo-gas-operator")).isFalse();
        assertThat(AUDIENCE.operatorsBySector(strict)).containsEntry("gas", List.of());
        assertThat(AUDIENCE.addresses(Fixture.advisory("a", "all").setTlp(Tlp.AMBER).build(), "demo-water-operator"))
                .isTrue();
    }

    @Test
    void countsGiveDeliveriesPerChannelTypeOperatorsPerSectorAndTheOperatorsWhoDidNotAnswer() {
        AdvisoryRecord r = AdvisoryFold.apply(start, receipt("gas/webhook-1", DeliveryOutcome.DELIVERED, 1));
        r = AdvisoryFold.apply(r, receipt("gas/webhook-2", DeliveryOutcome.FAILED, 6));
        r = AdvisoryFold.apply(r, Fixture.answer("a-1", "demo-gas-operator", true, Fixture.T0.plusSeconds(5)));
        var counts = AdvisoryView.counts(r, AUDIENCE);
        assertThat(counts).containsEntry("recipients", 2);
        assertThat(counts.get("deliveries").toString()).isEqualTo("{webhook={DELIVERED=1, FAILED=1, SKIPPED=0}}");
        assertThat(counts.get("bySector").toString()).isEqualTo("{electricity={operators=1}, gas={operators=1}}");
        assertThat(counts.get("feedback").toString()).isEqualTo("{useful=1, notUseful=0, noAnswer=1}");
    }

    private static DeliveryReceipt receipt(String channel, DeliveryOutcome outcome, int attempt) {
        return DeliveryReceipt.newBuilder().setNoticeId("a-1.gas").setIncidentId("a-1").setIncidentKey("")
                .setCeptoarId("gas").setChannel(channel).setChannelType("webhook").setAttempt(attempt)
                .setOutcome(outcome).setLatencyMs(5).setError(null).setAttemptedAt(Fixture.T0.plusSeconds(attempt))
                .setIdempotencyKey("k").setExercise(false).build();
    }
}
