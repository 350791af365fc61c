package org.anshin.routing.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.anshin.routing.errors.DeadLetters;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The advisory sub-topology over the real topology (TopologyTestDriver); the broker test is it.AdvisoryTest. */
class AdvisoryTopologyTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void anAdvisoryFansOutOneNoticePerSectorsCeptoarAndStartsItsRecord() {
        f.send(Fixture.advisory("a-1", "gas", "electricity", "government").build());
        List<AdvisoryNotice> gas = f.read(Topics.ceptoarAdvisories("gas"), AdvisoryNotice.class);
        assertThat(gas).singleElement().satisfies(n -> {
            assertThat(n.getNoticeId()).isEqualTo("a-1.gas");
            assertThat(n.getSectors()).containsExactly("gas");
            assertThat(n.getSecretariatOnly()).isFalse();
            assertThat(n.getTitle()).isEqualTo("title of a-1");
        });
        assertThat(f.read(Topics.ceptoarAdvisories("electricity"), AdvisoryNotice.class)).hasSize(1);
        assertThat(f.read(Topics.ceptoarAdvisories("local-government"), AdvisoryNotice.class)).singleElement()
                .extracting(AdvisoryNotice::getSectors).isEqualTo(List.of("government"));
        assertThat(f.read(Topics.ceptoarAdvisories("water"), AdvisoryNotice.class)).isEmpty();
        assertThat(f.read(Topics.ADVISORY_RECORD, AdvisoryRecord.class)).singleElement()
                .extracting(AdvisoryRecord::getRecipients).isEqualTo(List.of("electricity", "gas", "local-government"));
        assertThat(f.meters.counter("anshin.advisories.issued", "issuer", "nisc").count()).isEqualTo(1.0);
        assertThat(f.drainAll()).isEmpty(); // no incident notice
    }

    @Test
    void amberStrictIsForTheSecretariatsOnlyAndAllReachesEveryCeptoarAndTheCouncil() {
        f.send(Fixture.advisory("a-2", "all").setTlp(Tlp.AMBER_STRICT).build());
        List<String> reached = Topics.CONTRACT_CEPTOARS.stream()
                .filter(id -> !f.read(Topics.ceptoarAdvisories(id), AdvisoryNotice.class).isEmpty()).toList();
        assertThat(reached).containsExactlyInAnyOrderElementsOf(Topics.CONTRACT_CEPTOARS); // council included
        assertThat(f.driver.producedTopicNames()).doesNotContain(Topics.ceptoarAdvisories("nisc"));
        f.send(Fixture.advisory("a-3", "water").setTlp(Tlp.AMBER_STRICT).build());
        assertThat(f.read(Topics.ceptoarAdvisories("water"), AdvisoryNotice.class)).singleElement()
                .extracting(AdvisoryNotice::getSecretariatOnly).isEqualTo(true);
    }

    @Test
    void aResentAdvisoryIdChangesNothing() {
        f.send(Fixture.advisory("a-4", "gas").build());
        f.send(Fixture.advisory("a-4", "gas", "water").setTitle("changed").build());
        assertThat(f.read(Topics.ceptoarAdvisories("gas"), AdvisoryNotice.class)).hasSize(1);
        assertThat(f.read(Topics.ceptoarAdvisories("water"), AdvisoryNotice.class)).isEmpty();
        assertThat(f.read(Topics.ADVISORY_RECORD, AdvisoryRecord.class)).hasSize(1);
        assertThat(store().get("a-4").getAdvisory().getTitle()).isEqualTo("title of a-4");
        assertThat(f.meters.counter("anshin.advisories.duplicates").count()).isEqualTo(1.0);
        assertThat(f.meters.counter("anshin.advisories.issued", "issuer", "nisc").count()).isEqualTo(1.0);
    }

    @Test
    void feedbackCountsOncePerOperatorAndAChangedAnswerMovesTheCount() {
        f.send(Fixture.advisory("a-5", "gas").build());
        f.send(Fixture.answer("a-5", "demo-gas-operator", true, Fixture.T0.plusSeconds(1)));
        f.send(Fixture.answer("a-5", "demo-gas-operator", true, Fixture.T0.plusSeconds(2)));
        f.send(Fixture.answer("a-5", "demo-gas-operator", false, Fixture.T0.plusSeconds(3)));
        AdvisoryRecord r = store().get("a-5");
        assertThat(r.getFeedback()).singleElement().satisfies(x -> assertThat(x.getUseful()).isFalse());
        assertThat(f.meters.counter("anshin.advisory.feedback", "useful", "true").count()).isEqualTo(1.0);
        assertThat(f.meters.counter("anshin.advisory.feedback", "useful", "false").count()).isEqualTo(1.0);
        assertThat(f.meters.counter("anshin.advisory.feedback.changed", "from", "true").count()).isEqualTo(1.0);
        // every version of the record is published: issued, first answer, its update (at 2 s), the changed answer
        assertThat(f.read(Topics.ADVISORY_RECORD, AdvisoryRecord.class)).hasSize(4);
    }

    @Test
    void feedbackOfAnUnknownAdvisoryOrAnOperatorNotAddressedIsDeadLettered() {
        f.send(Fixture.advisory("a-6", "gas").build());
        f.send(Fixture.answer("a-6", "demo-water-operator", true, Fixture.T0.plusSeconds(1)));
        f.send(Fixture.answer("nope", "demo-gas-operator", true, Fixture.T0.plusSeconds(1)));
        f.send(Fixture.advisory("a-7", "gas").setTlp(Tlp.RED).build());
        assertThat(deadLetterReasons()).containsExactly("not-addressed", "unknown-advisory", "advisory-refused");
        assertThat(store().get("a-6").getFeedback()).isEmpty();
        assertThat(store().get("a-7")).isNull();
    }

    @Test
    void receiptsAreReKeyedByAdvisoryAndFolded() {
        f.send(Fixture.advisory("a-8", "gas").build());
        f.send(receipt("a-8.gas", "a-8", DeliveryOutcome.DELIVERED));
        f.send(receipt("a-8.gas", "a-8", DeliveryOutcome.DELIVERED));
        assertThat(store().get("a-8").getDeliveries()).singleElement()
                .satisfies(d -> assertThat(d.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED));
        assertThat(f.read(Topics.ADVISORY_RECORD, AdvisoryRecord.class)).hasSize(2);
    }

    @Test
    void drillAdvisoriesStayOnExerciseTopics() {
        f.send(Fixture.advisory("a-9", "gas").setExercise(true).build());
        assertThat(f.read(Topics.ceptoarAdvisories("gas"), AdvisoryNotice.class)).isEmpty();
        assertThat(f.read(Topics.ADVISORY_RECORD, AdvisoryRecord.class)).isEmpty();
        assertThat(f.read(Topics.exercise(Topics.ceptoarAdvisories("gas")), AdvisoryNotice.class)).singleElement()
                .extracting(AdvisoryNotice::getExercise).isEqualTo(true);
        assertThat(f.read(Topics.exercise(Topics.ADVISORY_RECORD), AdvisoryRecord.class)).hasSize(1);
        // read from the exercise topic, an advisory is a drill whatever its flag says
        f.advisories.get(1).pipeInput("a-10", Fixture.advisory("a-10", "gas").build(), Fixture.T0);
        assertThat(f.read(Topics.ceptoarAdvisories("gas"), AdvisoryNotice.class)).isEmpty();
        assertThat(f.read(Topics.exercise(Topics.ceptoarAdvisories("gas")), AdvisoryNotice.class)).singleElement()
                .extracting(AdvisoryNotice::getAdvisoryId).isEqualTo("a-10");
        // real feedback does not reach a drill's advisory
        f.send(Fixture.answer("a-9", "demo-gas-operator", true, Fixture.T0.plusSeconds(1)));
        assertThat(deadLetterReasons()).containsExactly("unknown-advisory");
    }

    private KeyValueStore<String, AdvisoryRecord> store() {
        return f.driver.getKeyValueStore(AdvisoryTopology.ADVISORIES_STORE);
    }

    private List<String> deadLetterReasons() {
        var out = f.driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return out.readRecordsToList().stream()
                .map(r -> new String(r.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .toList();
    }

    static DeliveryReceipt receipt(String noticeId, String advisoryId, DeliveryOutcome outcome) {
        return DeliveryReceipt.newBuilder().setNoticeId(noticeId).setIncidentId(advisoryId).setIncidentKey("")
                .setCeptoarId("gas").setChannel("gas/webhook-1").setChannelType("webhook").setAttempt(1)
                .setOutcome(outcome).setLatencyMs(5).setError(null).setAttemptedAt(Fixture.T0.plusSeconds(30))
                .setIdempotencyKey("k").setExercise(false).build();
    }
}
