package org.anshin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.anshin.notifier.Notices;
import org.anshin.notifier.channel.Channel;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.channel.Outbound;
import org.anshin.notifier.channel.SendResult;
import org.anshin.schemas.Classification;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery rules with scripted channels: no network here, the integration tests use real receivers. */
class DispatcherTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMinutes(1), Duration.ofMillis(10),
            Duration.ofMillis(40));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final NotifierMetrics metrics = new NotifierMetrics(meters);
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<SendResult>> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    private Dispatcher dispatcher;

    record Sent(String channel, List<String> noticeIds, String key, long nanos) {
    }

    private final ReceiptSink sink = (receipt, settles) -> {
        receipts.add(receipt);
        return CompletableFuture.completedFuture(null);
    };

    private Channel channel(ChannelSpec spec) {
        return message -> {
            sent.add(new Sent(spec.id(), message.notices().stream().map(IncidentNotice::getNoticeId).toList(),
                    message.idempotencyKey(), System.nanoTime()));
            Deque<SendResult> script = scripts.getOrDefault(spec.id() + ":" + message.latest().getNoticeId(),
                    scripts.get(spec.id()));
            SendResult r = script == null ? null : script.poll();
            return r == null ? SendResult.delivered() : r;
        };
    }

    private static ChannelSpec spec(String id, Duration groupWait, double rate) {
        return new ChannelSpec(id, "electricity", ChannelType.WEBHOOK, URI.create("http://h/" + id), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Classification.BELOW_VERIFICATION_LEVEL, false, groupWait,
                rate, Tlp.AMBER_STRICT);
    }

    private Dispatcher start(ChannelSpec... specs) {
        dispatcher = new Dispatcher(4, List.of(specs), this::channel, ledger, sink, FAST, metrics, Clock.systemUTC());
        return dispatcher;
    }

    private NoticeTicket ticket(IncidentNotice n, ChannelSpec... specs) {
        return new NoticeTicket(n, false, List.of(specs), done::incrementAndGet);
    }

    private void script(String channel, SendResult... results) {
        scripts.put(channel, new ArrayDeque<>(List.of(results)));
    }

    private List<DeliveryReceipt> receiptsOf(String channel) {
        return receipts.stream().filter(r -> r.getChannel().equals(channel)).toList();
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void aReceiverFailingThreeTimesGetsExactlyOneSuccessAndThreeRetriesAreRecorded() {
        ChannelSpec a = spec("a", Duration.ZERO, 0);
        script("a", SendResult.retryable("HTTP 503"), SendResult.retryable("HTTP 503"), SendResult.retryable("timeout"));
        start(a).submit(ticket(Notices.notice("n1", "i1"), a));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(sent).hasSize(4).extracting(Sent::key).containsOnly("n1.a");
        assertThat(receiptsOf("a")).extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.RETRYING,
                DeliveryOutcome.RETRYING, DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED);
        assertThat(receiptsOf("a")).extracting(DeliveryReceipt::getAttempt).containsExactly(1, 2, 3, 4);
        assertThat(meters.get(NotifierMetrics.RETRIES).tag("channel", "webhook").counter().count()).isEqualTo(3);
        assertThat(meters.get(NotifierMetrics.DELIVERED).tag("channel", "webhook").tag("outcome", "delivered")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get(NotifierMetrics.REPORT_TO_DELIVERY).tag("channel", "webhook").timer().count()).isEqualTo(1);
        assertThat(ledger.settled("n1", "a")).contains(DeliveryOutcome.DELIVERED);
    }

    @Test
    void aReceiverThatHangsDoesNotHoldUpTheSameIncidentsOtherChannels() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ChannelSpec hung = spec("hung", Duration.ZERO, 0);
        String otherId = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "fine-" + i)
                .filter(id -> Dispatcher.laneOf("i1", id, 4) != Dispatcher.laneOf("i1", "hung", 4))
                .findFirst().orElseThrow();
        ChannelSpec fine = spec(otherId, Duration.ZERO, 0);
        dispatcher = new Dispatcher(4, List.of(hung, fine), s -> s.id().equals("hung") ? message -> {
            try {
                release.await(); // a receiver that never answers, until the test lets it go
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SendResult.delivered();
        } : channel(s), ledger, sink, FAST, metrics, Clock.systemUTC());
        try {
            dispatcher.submit(ticket(Notices.notice("n1", "i1"), hung, fine));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiptsOf(otherId).size() == 1);
            assertThat(receiptsOf(otherId)).extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.DELIVERED);
            assertThat(receiptsOf("hung")).isEmpty();
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
    }

    @Test
    void aPermanentlyFailingChannelIsNotRetriedAndDoesNotTouchTheOthers() {
        ChannelSpec bad = spec("bad", Duration.ZERO, 0);
        ChannelSpec good = spec("good", Duration.ZERO, 0);
        script("bad", SendResult.permanent("HTTP 400: no such hook"));
        start(bad, good).submit(ticket(Notices.notice("n1", "i1"), bad, good));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(sent).extracting(Sent::channel).containsExactlyInAnyOrder("bad", "good");
        assertThat(receiptsOf("bad")).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
            assertThat(r.getError()).contains("400");
        });
        assertThat(receiptsOf("good")).extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(meters.get(NotifierMetrics.FAILED).tag("channel", "webhook").counter().count()).isEqualTo(1);
    }

    @Test
    void aRetryingChannelGivesUpAfterItsLastAttemptWhileTheOtherIsSentOnce() {
        ChannelSpec flaky = spec("flaky", Duration.ZERO, 0);
        ChannelSpec good = spec("good", Duration.ZERO, 0);
        SendResult[] fails = new SendResult[10];
        java.util.Arrays.fill(fails, SendResult.retryable("HTTP 500"));
        script("flaky", fails);
        start(flaky, good).submit(ticket(Notices.notice("n1", "i1"), flaky, good));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(sent.stream().filter(s -> s.channel().equals("flaky"))).hasSize(FAST.maxAttempts());
        assertThat(sent.stream().filter(s -> s.channel().equals("good"))).hasSize(1);
        assertThat(receiptsOf("flaky")).last().extracting(DeliveryReceipt::getOutcome).isEqualTo(DeliveryOutcome.FAILED);
    }

    @Test
    void oneIncidentsNoticesKeepTheirOrderWhileOtherIncidentsAreNotHeldUp() {
        ChannelSpec a = spec("a", Duration.ZERO, 0);
        script("a:n1", SendResult.retryable("HTTP 503"));
        // the retry waits at least 500 ms: long enough that i2's notice must not wait for it
        dispatcher = new Dispatcher(1, List.of(a), this::channel, ledger, sink,
                new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), metrics,
                Clock.systemUTC());
        dispatcher.submit(ticket(Notices.notice("n1", "i1"), a));
        dispatcher.submit(ticket(Notices.notice("n2", "i1"), a));
        dispatcher.submit(ticket(Notices.notice("m1", "i2"), a)); // one lane: i2 shares i1's thread

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.stream().anyMatch(s -> s.noticeIds().contains("m1")));
        assertThat(sent).extracting(s -> s.noticeIds().get(0)).containsExactly("n1", "m1");
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 3);
        assertThat(sent).extracting(s -> s.noticeIds().get(0)).containsExactly("n1", "m1", "n1", "n2");
    }

    @Test
    void aGroupingWindowMergesOneIncidentsNoticesIntoOneMessage() {
        ChannelSpec grouped = spec("grouped", Duration.ofMillis(300), 0);
        Dispatcher d = start(grouped);
        d.submit(ticket(Notices.notice("n1", "i1"), grouped));
        d.submit(ticket(Notices.notice("n2", "i1"), grouped));
        d.submit(ticket(Notices.notice("n3", "i1"), grouped));
        d.submit(ticket(Notices.notice("m1", "i2"), grouped));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 4);
        assertThat(sent).hasSize(2);
        Sent merged = sent.stream().filter(s -> s.noticeIds().size() == 3).findFirst().orElseThrow();
        assertThat(merged.noticeIds()).containsExactly("n1", "n2", "n3");
        assertThat(receipts.stream().filter(r -> r.getIncidentId().equals("i1")))
                .hasSize(3).allSatisfy(r -> {
                    assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
                    assertThat(r.getIdempotencyKey()).isEqualTo(merged.key());
                });
    }

    @Test
    void aNoticeAlreadySettledOnAChannelIsSkippedThereAndSentElsewhere() {
        ChannelSpec a = spec("a", Duration.ZERO, 0);
        ChannelSpec b = spec("b", Duration.ZERO, 0);
        ledger.apply(DeliveryLedger.key("n1", "a"), DeliveryOutcome.DELIVERED);
        start(a, b).submit(ticket(Notices.notice("n1", "i1"), a, b));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(sent).extracting(Sent::channel).containsExactly("b");
        assertThat(receiptsOf("a")).extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.SKIPPED);
    }

    @Test
    void anAbandonedTicketIsNotSentAndNotCompleted() {
        ChannelSpec a = spec("a", Duration.ofMillis(200), 0);
        Dispatcher d = start(a);
        NoticeTicket t = ticket(Notices.notice("n1", "i1"), a);
        d.submit(t);
        t.abandon();
        NoticeTicket later = ticket(Notices.notice("n2", "i9"), spec("a", Duration.ZERO, 0));
        d.submit(later);
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.stream().anyMatch(s -> s.noticeIds().contains("n2")));
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> sent.stream().noneMatch(s -> s.noticeIds().contains("n1")));
        assertThat(done.get()).isEqualTo(1);
    }

    @Test
    void aRateLimitedChannelSpreadsItsMessagesOverTime() {
        ChannelSpec limited = spec("limited", Duration.ZERO, 10);
        Dispatcher d = start(limited);
        for (int i = 0; i < 15; i++) {
            d.submit(ticket(Notices.notice("n" + i, "inc-" + i), limited));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 15);
        List<Long> times = new ArrayList<>(sent.stream().map(Sent::nanos).toList());
        Collections.sort(times);
        // burst of 10, then one every 100 ms: the 15th send is at least ~500 ms after the first
        assertThat(Duration.ofNanos(times.get(14) - times.get(0))).isGreaterThan(Duration.ofMillis(450));
    }

    @Test
    void noticesNoChannelWantsAreDoneAtOnce() {
        ChannelSpec onlyExceeding = new ChannelSpec("x", "electricity", ChannelType.WEBHOOK, URI.create("http://h"),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Classification.EXCEEDS_VERIFICATION_LEVEL,
                false, Duration.ZERO, 0, Tlp.AMBER_STRICT);
        start(onlyExceeding).submit(ticket(Notices.builder("n1", "i1")
                .setClassification(Classification.BELOW_VERIFICATION_LEVEL).build(), onlyExceeding));
        await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 1);
        assertThat(sent).isEmpty();
        assertThat(new HashMap<>(scripts)).isEmpty();
    }

    @Test
    void aNoticeGoesOnlyToTheChannelsOfItsEscalationTierAndTheOthersGetNoReceipt() {
        ChannelSpec hook = spec("hook", Duration.ZERO, 0);
        ChannelSpec duty = spec("duty", Duration.ZERO, 0);
        duty = duty.withOptions(duty.options().withTier(2));
        start(hook, duty);
        dispatcher.submit(ticket(Notices.notice("n1", "i1"), hook, duty));
        dispatcher.submit(ticket(Notices.builder("n2", "i1").setNoticeType(NoticeType.ESCALATED).setReportId(null)
                .setEscalationTier(2).build(), hook, duty));
        // a tier nobody has: done at once, sent nowhere
        dispatcher.submit(ticket(Notices.builder("n3", "i1").setNoticeType(NoticeType.ESCALATED)
                .setEscalationTier(3).build(), hook, duty));
        await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 3);
        assertThat(sent).extracting(Sent::channel, s -> s.noticeIds().get(0)).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("hook", "n1"), org.assertj.core.groups.Tuple.tuple("duty", "n2"));
        assertThat(receiptsOf("hook")).extracting(DeliveryReceipt::getNoticeId).containsOnly("n1");
        assertThat(receiptsOf("duty")).extracting(DeliveryReceipt::getNoticeId).containsOnly("n2");
    }

    private static ChannelSpec withMaxTlp(ChannelSpec s, Tlp max) {
        return new ChannelSpec(s.id(), s.ceptoarId(), s.type(), s.url(), s.from(), s.to(), s.routingKey(), s.login(),
                s.minClassification(), s.exercise(), s.groupWait(), s.ratePerSecond(), max);
    }

    @Test
    void aNoticeAboveAChannelsMaxTlpIsSkippedThereWithAReceiptSayingWhy() {
        ChannelSpec green = withMaxTlp(spec("green", Duration.ZERO, 0), Tlp.GREEN);
        ChannelSpec red = withMaxTlp(spec("red", Duration.ZERO, 0), Tlp.RED);
        start(green, red).submit(ticket(Notices.builder("n1", "i1").setTlp(Tlp.AMBER).build(), green, red));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(sent).extracting(Sent::channel).containsExactly("red");
        assertThat(receiptsOf("green")).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.SKIPPED);
            assertThat(r.getError()).startsWith("TLP:AMBER is above this channel's maxTlp GREEN");
        });
        assertThat(ledger.settled("n1", "green")).isEmpty();
        assertThat(meters.get(NotifierMetrics.DELIVERED).tag("channel", "webhook")
                .tag("outcome", NotifierMetrics.SKIPPED_TLP).counter().count()).isEqualTo(1);
        assertThat(meters.get(NotifierMetrics.DELIVERED).tag("channel", "webhook").tag("outcome", "skipped")
                .counter().count()).isZero();
    }

    @Test
    void twoIncidentsSharingAnIncidentIdAreNeverGroupedTogether() {
        ChannelSpec grouped = spec("grouped", Duration.ofMillis(300), 0);
        Dispatcher d = start(grouped);
        d.submit(ticket(Notices.builder("a1", "INC-1").setIncidentKey("key-a").build(), grouped));
        d.submit(ticket(Notices.builder("b1", "INC-1").setIncidentKey("key-b").build(), grouped));
        d.submit(ticket(Notices.builder("a2", "INC-1").setIncidentKey("key-a").build(), grouped));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 3);
        assertThat(sent).extracting(Sent::noticeIds)
                .containsExactlyInAnyOrder(List.of("a1", "a2"), List.of("b1"));
        assertThat(receipts).extracting(r -> r.getNoticeId() + "=" + r.getIncidentKey())
                .containsExactlyInAnyOrder("a1=key-a", "a2=key-a", "b1=key-b");
    }

    @Test
    void anOldNoticeWithoutIncidentKeyIsKeyedByItsIncidentId() {
        ChannelSpec a = spec("a", Duration.ZERO, 0);
        start(a).submit(ticket(Notices.builder("n1", "i1").setIncidentKey("").build(), a));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(receiptsOf("a")).singleElement().satisfies(r -> assertThat(r.getIncidentKey()).isEqualTo("i1"));
    }

    @Test
    void errorTextsAreScrubbedOfTheChannelsSecrets() {
        ChannelSpec pd = new ChannelSpec("pd", "electricity", ChannelType.PAGERDUTY,
                URI.create("https://events.example.org/v2/enqueue?token=QUERYSECRET"), Optional.empty(), List.of(),
                Optional.of("R0UTINGSECRET"), Optional.empty(), Classification.BELOW_VERIFICATION_LEVEL, false,
                Duration.ZERO, 0, Tlp.AMBER);
        dispatcher = new Dispatcher(2, List.of(pd), s -> m -> SendResult.permanent("HTTP 400: bad routing_key "
                + "R0UTINGSECRET at " + s.url()), ledger, sink, FAST, metrics, Clock.systemUTC());
        dispatcher.submit(ticket(Notices.notice("n1", "i1"), pd));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(receiptsOf("pd")).singleElement().satisfies(r -> assertThat(r.getError())
                .contains("HTTP 400").doesNotContain("R0UTINGSECRET").doesNotContain("QUERYSECRET"));
    }

    // --- #11: nothing lost and nothing twice ---

    @Test
    void aNoticeSettledElsewhereWhileItWaitsInItsGroupingWindowIsNotSent() {
        ChannelSpec a = spec("a", Duration.ofMillis(500), 0);
        ChannelSpec b = spec("b", Duration.ZERO, 0);
        // one lane: b's intake runs after a's, so once b is sent, a's notice has passed intake and waits in its window
        dispatcher = new Dispatcher(1, List.of(a, b), this::channel, ledger, sink, FAST, metrics, Clock.systemUTC());
        dispatcher.submit(ticket(Notices.notice("n1", "i1"), a, b));
        await().atMost(Duration.ofSeconds(2)).until(() -> receiptsOf("b").size() == 1);
        ledger.apply(DeliveryLedger.key("n1", "a"), DeliveryOutcome.DELIVERED); // another instance's state record

        await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 1);
        assertThat(sent).extracting(Sent::channel).containsExactly("b");
        assertThat(receiptsOf("a")).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.SKIPPED);
            assertThat(r.getError()).isEqualTo("already settled earlier as DELIVERED");
        });
    }

    @Test
    void aNoticeSettledElsewhereDuringItsBackoffIsNotSentAgain() {
        ChannelSpec a = spec("a", Duration.ZERO, 0);
        script("a", SendResult.retryable("HTTP 503"));
        dispatcher = new Dispatcher(2, List.of(a), this::channel, ledger, sink,
                new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMillis(600), Duration.ofMillis(600)), metrics,
                Clock.systemUTC());
        dispatcher.submit(ticket(Notices.notice("n1", "i1"), a));
        await().atMost(Duration.ofSeconds(5)).until(() -> receiptsOf("a").size() == 1);
        ledger.apply(DeliveryLedger.key("n1", "a"), DeliveryOutcome.DELIVERED); // during the >= 300 ms backoff

        await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 1);
        assertThat(sent).hasSize(1);
        assertThat(receiptsOf("a")).extracting(DeliveryReceipt::getOutcome)
                .containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.SKIPPED);
    }

    @Test
    void aNoticeOlderThanTheMaxNoticeAgeIsNotPagedAndSaysHowOld() {
        ChannelSpec a = spec("a", Duration.ZERO, 0);
        dispatcher = new Dispatcher(2, List.of(a), this::channel, ledger, sink, FAST, metrics, Clock.systemUTC(),
                new Dispatcher.Limits(Duration.ofHours(24), Duration.ofSeconds(5)));
        java.time.Instant now = java.time.Instant.now();
        dispatcher.submit(ticket(Notices.builder("old", "i1").setClassifiedAt(now.minus(Duration.ofDays(30))
                .minus(Duration.ofHours(2))).build(), a));
        dispatcher.submit(ticket(Notices.builder("fresh", "i2").setClassifiedAt(now.minus(Duration.ofHours(23)))
                .build(), a));

        await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 2);
        assertThat(sent).extracting(s -> s.noticeIds().get(0)).containsExactly("fresh");
        assertThat(receipts.stream().filter(r -> r.getNoticeId().equals("old"))).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.SKIPPED);
            assertThat(r.getError()).startsWith("stale: classified 30d 2h 0m ago").contains("--max-notice-age PT24H");
        });
        assertThat(ledger.settled("old", "a")).isEmpty();
        assertThat(meters.get(NotifierMetrics.DELIVERED).tag("channel", "webhook")
                .tag("outcome", NotifierMetrics.SKIPPED_STALE).counter().count()).isEqualTo(1);
    }

    @Test
    void aGroupWritesItsFirstNoticesStateLast() {
        ChannelSpec g = spec("g", Duration.ofMillis(200), 0);
        List<String> stateWrites = new CopyOnWriteArrayList<>();
        dispatcher = new Dispatcher(2, List.of(g), this::channel, ledger, (receipt, settles) -> {
            if (settles) {
                stateWrites.add(receipt.getNoticeId());
            }
            return CompletableFuture.completedFuture(null);
        }, FAST, metrics, Clock.systemUTC());
        for (String n : List.of("n1", "n2", "n3")) {
            dispatcher.submit(ticket(Notices.notice(n, "i1"), g));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 3);
        assertThat(stateWrites).hasSize(3).last().isEqualTo("n1");
    }

    /**
     * Run 1 groups n1..n3 and is delivered; the process dies when only one state record is durable. Run 2 re-reads
     * the unsettled notices plus a new one and regroups them: no notice may reach the receiver under two keys.
     */
    @Test
    void aRestartMidGroupNeverSendsANoticeUnderTwoKeys() {
        ChannelSpec g = spec("g", Duration.ofMillis(200), 0);
        DeliveryLedger stateTopic = new DeliveryLedger();
        AtomicInteger durable = new AtomicInteger();
        ReceiptSink dying = (receipt, settles) -> {
            if (!settles) {
                return CompletableFuture.completedFuture(null);
            }
            if (durable.getAndIncrement() == 0) {
                stateTopic.apply(DeliveryLedger.key(receipt.getNoticeId(), receipt.getChannel()), receipt.getOutcome());
                return CompletableFuture.completedFuture(null);
            }
            return new CompletableFuture<>(); // the broker never acknowledges: the process dies first
        };
        Dispatcher run1 = new Dispatcher(2, List.of(g), this::channel, new DeliveryLedger(), dying, FAST, metrics,
                Clock.systemUTC(), new Dispatcher.Limits(Duration.ofHours(24), Duration.ofMillis(200)));
        for (String n : List.of("n1", "n2", "n3")) {
            run1.submit(ticket(Notices.notice(n, "i1"), g));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> durable.get() >= 2);
        run1.close();

        dispatcher = new Dispatcher(2, List.of(g), this::channel, stateTopic, sink, FAST, metrics, Clock.systemUTC());
        AtomicInteger done2 = new AtomicInteger();
        for (String n : List.of("n1", "n2", "n3", "n4")) {
            dispatcher.submit(new NoticeTicket(Notices.notice(n, "i1"), false, List.of(g), done2::incrementAndGet));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> done2.get() == 4);

        Map<String, java.util.Set<String>> keysByNotice = new HashMap<>();
        for (Sent s : sent) {
            s.noticeIds().forEach(n -> keysByNotice.computeIfAbsent(n, k -> new java.util.TreeSet<>()).add(s.key()));
        }
        assertThat(sent).hasSize(2);
        assertThat(keysByNotice).allSatisfy((notice, keys) -> assertThat(keys).as(notice).hasSize(1));
        assertThat(sent.get(1).key()).isEqualTo(sent.get(0).key()).isEqualTo("n1.g");
    }

    @Test
    void a429PausesTheWholeChannelUntilItsRetryAfterWhileOtherChannelsGoOn() {
        ChannelSpec pd = spec("pd", Duration.ZERO, 0);
        ChannelSpec other = spec("other", Duration.ZERO, 0);
        scripts.put("pd:a1", new ArrayDeque<>(List.of(
                new SendResult(SendResult.Kind.RETRYABLE, "HTTP 429 (Retry-After 500 ms)", Duration.ofMillis(500), true))));
        Dispatcher d = start(pd, other);
        d.submit(ticket(Notices.notice("a1", "inc-a"), pd));
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiptsOf("pd").isEmpty());
        long throttledAt = sent.get(0).nanos();
        long submitted = System.nanoTime();
        d.submit(ticket(Notices.notice("b1", "inc-b"), pd, other));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 2);

        long aRetry = sent.stream().filter(x -> x.channel().equals("pd") && x.noticeIds().equals(List.of("a1")))
                .skip(1).findFirst().orElseThrow().nanos();
        long bOnPd = sent.stream().filter(x -> x.channel().equals("pd") && x.noticeIds().equals(List.of("b1")))
                .findFirst().orElseThrow().nanos();
        long bOnOther = sent.stream().filter(x -> x.channel().equals("other")).findFirst().orElseThrow().nanos();
        assertThat(Duration.ofNanos(aRetry - throttledAt)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        // another incident on the same channel: the receiver's limit is the channel's, so it waits too
        assertThat(Duration.ofNanos(bOnPd - throttledAt)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        // ... while the same notice's other channel is not held up
        assertThat(Duration.ofNanos(bOnOther - submitted)).isLessThan(Duration.ofMillis(400));

        List<DeliveryReceipt> b = receiptsOf("pd").stream().filter(r -> r.getNoticeId().equals("b1")).toList();
        assertThat(b).extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.RETRYING,
                DeliveryOutcome.DELIVERED);
        assertThat(b.get(0).getError()).startsWith("rate-limited: channel paused after HTTP 429 (Retry-After 500 ms), "
                + "next attempt in ").endsWith(" ms");
        assertThat(b.get(0).getAttempt()).isZero();
        assertThat(receiptsOf("pd").stream().filter(r -> r.getNoticeId().equals("a1")))
                .extracting(DeliveryReceipt::getOutcome, DeliveryReceipt::getError)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DeliveryOutcome.RETRYING,
                        "HTTP 429 (Retry-After 500 ms)"), org.assertj.core.groups.Tuple.tuple(DeliveryOutcome.DELIVERED, null));
        assertThat(receiptsOf("other")).extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.DELIVERED);
    }

    @Test
    void aMessageHeldBackByTheRateLimitGetsOneReceiptNotOnePerWait() {
        ChannelSpec limited = spec("limited", Duration.ZERO, 2);
        Dispatcher d = start(limited);
        for (int i = 0; i < 6; i++) {
            d.submit(ticket(Notices.notice("n" + i, "inc-" + i), limited));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 6);
        Map<String, List<DeliveryReceipt>> byNotice = new HashMap<>();
        receiptsOf("limited").forEach(r -> byNotice.computeIfAbsent(r.getNoticeId(), k -> new ArrayList<>()).add(r));
        assertThat(byNotice).hasSize(6);
        int held = 0;
        for (List<DeliveryReceipt> rs : byNotice.values()) {
            // the last ones re-check several times (each wake-up, one of them gets the token): still one receipt
            assertThat(rs).last().extracting(DeliveryReceipt::getOutcome).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(rs.size()).isLessThanOrEqualTo(2);
            if (rs.size() == 2) {
                held++;
                assertThat(rs.get(0).getOutcome()).isEqualTo(DeliveryOutcome.RETRYING);
                assertThat(rs.get(0).getAttempt()).isZero();
                assertThat(rs.get(0).getError()).matches("rate-limited: ratePerSecond 2, next attempt in \\d+ ms");
                assertThat(rs.get(1).getAttempt()).isEqualTo(1);
            }
        }
        assertThat(held).isGreaterThanOrEqualTo(3); // a burst of 2, then 2 a second
        assertThat(sent).hasSize(6);
    }
}
