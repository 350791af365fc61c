package org.anshin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.anshin.notifier.Advisories;
import org.anshin.notifier.channel.Channel;
import org.anshin.notifier.channel.ChannelOptions;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.channel.Outbound;
import org.anshin.notifier.channel.SendResult;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Classification;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Advisories through the dispatcher with scripted channels: severity and maxTlp skips, receipts, keys, no re-send. */
class AdvisoryDispatchTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMinutes(1), Duration.ofMillis(10),
            Duration.ofMillis(40));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final NotifierMetrics metrics = new NotifierMetrics(meters);
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final List<DeliveryReceipt> noticeReceipts = new CopyOnWriteArrayList<>();
    private final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
    private final List<Outbound> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger done = new AtomicInteger();
    private Dispatcher dispatcher;

    private static ChannelSpec spec(String id, ChannelType type, Tlp maxTlp) {
        return new ChannelSpec(id, "gas", type, URI.create("http://127.0.0.1/" + id), Optional.empty(), List.of(),
                type == ChannelType.PAGERDUTY ? Optional.of("routing-key-1") : Optional.empty(), Optional.empty(),
                Classification.BELOW_VERIFICATION_LEVEL, false, Duration.ofSeconds(5), 0, maxTlp)
                .withOptions(ChannelOptions.DEFAULTS.withAdvisories(true));
    }

    private final ChannelSpec hook = spec("gas/webhook-1", ChannelType.WEBHOOK, Tlp.AMBER_STRICT);
    private final ChannelSpec pd = spec("gas/pagerduty-2", ChannelType.PAGERDUTY, Tlp.AMBER_STRICT);
    private final ChannelSpec green = spec("gas-op/webhook-1", ChannelType.WEBHOOK, Tlp.GREEN);

    private Dispatcher start() {
        Channel channel = new Channel() {
            @Override
            public SendResult send(Outbound m) {
                sent.add(m);
                return SendResult.delivered();
            }
        };
        dispatcher = new Dispatcher(2, List.of(hook, pd, green), s -> channel, ledger, (r, settles) -> {
            noticeReceipts.add(r);
            return CompletableFuture.completedFuture(null);
        }, FAST, metrics, Clock.systemUTC());
        dispatcher.onAdvisoryReceipts((r, settles) -> {
            receipts.add(r);
            if (settles) {
                ledger.apply(DeliveryLedger.key(r.getNoticeId(), r.getChannel()), r.getOutcome());
            }
            return CompletableFuture.completedFuture(null);
        });
        return dispatcher;
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private DeliveryReceipt receiptOf(String channel) {
        return receipts.stream().filter(r -> r.getChannel().equals(channel)).reduce((a, b) -> b).orElseThrow();
    }

    private double advisoryCount(String type, String outcome) {
        return meters.get(NotifierMetrics.ADVISORIES_DELIVERED).tag("channel", type).tag("outcome", outcome).counter()
                .count();
    }

    @Test
    void aWarningIsNotPagedAndAnAmberOneIsKeptFromAGreenChannelWithReceiptsOnTheAdvisorySink() {
        AdvisoryNotice n = Advisories.advisory("adv-1", "gas", "gas").build();
        start().submit(NoticeTicket.advisory(n, false, List.of(hook, pd, green), done::incrementAndGet));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        // grouping windows do not hold advisories: sent at once, alone, under <noticeId>.<channelId>
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo(hook);
            assertThat(m.advisory()).isEqualTo(n);
            assertThat(m.idempotencyKey()).isEqualTo("adv-1.gas.gas/webhook-1");
        });
        assertThat(receiptOf(hook.id()).getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(receiptOf(pd.id()).getOutcome()).isEqualTo(DeliveryOutcome.SKIPPED);
        assertThat(receiptOf(pd.id()).getError()).isEqualTo("severity WARNING does not page");
        assertThat(receiptOf(green.id()).getOutcome()).isEqualTo(DeliveryOutcome.SKIPPED);
        assertThat(receiptOf(green.id()).getError()).contains("AMBER");
        DeliveryReceipt r = receiptOf(hook.id());
        assertThat(r.getNoticeId()).isEqualTo("adv-1.gas");
        assertThat(r.getIncidentId()).isEqualTo("adv-1");
        assertThat(r.getIncidentKey()).isEmpty();
        assertThat(r.getCeptoarId()).isEqualTo("gas");
        assertThat(noticeReceipts).isEmpty();
        assertThat(advisoryCount("webhook", "delivered")).isEqualTo(1);
        assertThat(advisoryCount("pagerduty", NotifierMetrics.SKIPPED_SEVERITY)).isEqualTo(1);
        assertThat(advisoryCount("webhook", NotifierMetrics.SKIPPED_TLP)).isEqualTo(1);
        assertThat(meters.get(NotifierMetrics.DELIVERED).tag("channel", "webhook").tag("outcome", "delivered")
                .counter().count()).isZero();
    }

    @Test
    void aCriticalOnePagesAndASettledOneIsNeverSentAgain() {
        AdvisoryNotice n = Advisories.advisory("adv-2", "gas", "gas").setSeverity(AdvisorySeverity.CRITICAL).build();
        start().submit(NoticeTicket.advisory(n, false, List.of(hook, pd), done::incrementAndGet));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(sent).extracting(m -> m.channel().id()).containsExactlyInAnyOrder(hook.id(), pd.id());

        dispatcher.submit(NoticeTicket.advisory(n, false, List.of(hook, pd), done::incrementAndGet));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 2);
        assertThat(sent).hasSize(2);
        assertThat(receiptOf(hook.id()).getError()).startsWith("already settled earlier");
    }

    @Test
    void anExpiredAdvisoryIsNotSent() {
        AdvisoryNotice n = Advisories.advisory("adv-3", "gas", "gas").setIssuedAt(Instant.now().minusSeconds(60))
                .setExpiresAt(Instant.now().minusSeconds(1)).build();
        start().submit(NoticeTicket.advisory(n, false, List.of(hook), done::incrementAndGet));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(sent).isEmpty();
        assertThat(receiptOf(hook.id()).getError()).startsWith("expired at");
    }
}
