package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.NoticeType;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation tiers end to end: a ceptoars.yaml with an escalation policy, notices in Confluent Avro on the
 * CEPTOAR's topic of the real broker, real HTTP receivers. A notice reaches only the channels of its tier.
 */
@WithKafkaAndRegistry
class EscalationTiersIT {
    private final Infra infra;
    private final Receiver receiver;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @TempDir
    Path dir;
    private NotifierHarness harness;
    private NotifierService service;

    EscalationTiersIT(Infra infra) throws Exception {
        this.infra = infra;
        this.receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (harness != null) {
            harness.close();
        }
        receiver.close();
    }

    @Test
    void aTierTwoPageReachesOnlyTheTierTwoWebhookAndTierOneNoticesOnlyTheTierOneChannels() throws Exception {
        // the harness writes this under "channels:"; the 4-space "escalation:" is the CEPTOAR's next key
        harness = new NotifierHarness(infra, dir, """
                      - {id: electricity/webhook-1, type: webhook, url: "%s"}
                      - {id: electricity/slack-2, type: slack, url: "%s"}
                      - {id: electricity/webhook-duty, type: webhook, url: "%s"}
                    escalation:
                      - {after: PT15M, channels: [electricity/webhook-duty]}
                """.formatted(receiver.url("/hook"), receiver.url("/slack"), receiver.url("/duty")));
        service = harness.start(meters);
        await("notifier ready").atMost(Duration.ofSeconds(60)).until(service::ready);

        // as routing writes them: the tier-1 NEW, the tier-2 re-page (no report behind it), then the RESOLVED of
        // each tier the incident reached; one incident key, so one partition, in this order
        harness.publish(
                Notices.builder("n-new", "inc-1").setIncidentKey("key-1").build(),
                Notices.builder("n-page", "inc-1").setIncidentKey("key-1").setNoticeType(NoticeType.ESCALATED)
                        .setReportId(null).setEscalationTier(2)
                        .setReason("not acknowledged by electricity for PT15M; supplyLossKw 150000 >= 100000").build(),
                Notices.builder("n-res-2", "inc-1").setIncidentKey("key-1").setNoticeType(NoticeType.RESOLVED)
                        .setResolvedAt(Notices.OCCURRED.plusSeconds(3600)).setEscalationTier(2).build(),
                Notices.builder("n-res-1", "inc-1").setIncidentKey("key-1").setNoticeType(NoticeType.RESOLVED)
                        .setResolvedAt(Notices.OCCURRED.plusSeconds(3600)).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/hook").size() == 2
                && receiver.delivered("/slack").size() == 2 && receiver.delivered("/duty").size() == 2);

        assertThat(receiver.delivered("/duty")).extracting(h -> h.body().get("noticeId").asText())
                .containsExactly("n-page", "n-res-2");
        assertThat(receiver.delivered("/duty")).allSatisfy(h -> {
            assertThat(h.body().get("escalationTier").asInt()).isEqualTo(2);
            assertThat(h.body().get("channel").asText()).isEqualTo("electricity/webhook-duty");
        });
        assertThat(receiver.delivered("/duty").get(0).body().get("noticeType").asText()).isEqualTo("ESCALATED");
        assertThat(receiver.delivered("/hook")).extracting(h -> h.body().get("noticeId").asText())
                .containsExactly("n-new", "n-res-1");
        assertThat(receiver.delivered("/hook")).allSatisfy(h -> assertThat(h.body().has("escalationTier")).isFalse());
        List<String> slack = receiver.delivered("/slack").stream().map(h -> h.body().get("text").asText()).toList();
        assertThat(slack).hasSize(2).allSatisfy(t -> assertThat(t).doesNotContain("tier"));
        // the Slack message links the console's incident page (the default --incident-url-template)
        assertThat(receiver.delivered("/slack").get(0).body().at("/blocks/1/text/text").asText())
                .contains("<http://127.0.0.1:8084/incidents/key-1|");

        // receipts: one DELIVERED per notice on its own tier's channels, none anywhere else
        List<DeliveryReceipt> receipts = harness.receipts(false, rs -> rs.stream()
                .filter(r -> r.getOutcome() == DeliveryOutcome.DELIVERED).count() >= 6);
        assertThat(receipts).extracting(r -> r.getNoticeId() + "@" + r.getChannel()).containsExactlyInAnyOrder(
                "n-new@electricity/webhook-1", "n-new@electricity/slack-2",
                "n-page@electricity/webhook-duty", "n-res-2@electricity/webhook-duty",
                "n-res-1@electricity/webhook-1", "n-res-1@electricity/slack-2");
        // nothing was retried or sent twice
        assertThat(receiver.hits("/duty")).hasSize(2);
        assertThat(receiver.hits("/hook")).hasSize(2);
    }
}
