package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier end to end over sockets: real broker and registry, notices in Confluent Avro, real HTTP
 * receivers, GreenMail SMTP and (where installed) a real Alertmanager.
 */
@WithKafkaAndRegistry
class ChannelsIT {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

    private final Infra infra;
    private final Receiver receiver;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @TempDir
    Path dir;
    private NotifierHarness harness;
    private NotifierService service;

    ChannelsIT(Infra infra) throws Exception {
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

    private void start(String channelsYaml) throws Exception {
        start(Map.of("electricity", channelsYaml));
    }

    private void start(Map<String, String> channelsByCeptoar) throws Exception {
        harness = new NotifierHarness(infra, dir, channelsByCeptoar);
        service = harness.start(meters);
        await("notifier ready").atMost(Duration.ofSeconds(60)).until(service::ready);
    }

    private static long keysOnce(List<Receiver.Hit> hits) {
        return hits.stream().map(Receiver.Hit::idempotencyKey).distinct().count();
    }

    @Test
    void everyChannelTypeGetsItsBodyExactlyOnce() throws Exception {
        start("""
                      - type: webhook
                        url: %s
                      - type: slack
                        url: %s
                      - type: pagerduty
                        url: %s
                        routingKey: R0UTE
                      - type: email
                        smtp: smtp://127.0.0.1:%d
                        from: anshin@example.org
                        to: [oncall@example.org]
                """.formatted(receiver.url("/hook"), receiver.url("/slack"), receiver.url("/pd"),
                ServerSetupTest.SMTP.getPort()));
        harness.publish(Notices.notice("n-1", "inc-1"),
                Notices.builder("n-2", "inc-1").setNoticeType(NoticeType.RESOLVED)
                        .setResolvedAt(Notices.OCCURRED.plusSeconds(600)).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/pd").size() == 2
                && receiver.delivered("/hook").size() == 2 && receiver.delivered("/slack").size() == 2
                && MAIL.getReceivedMessages().length == 2);

        List<Receiver.Hit> hooks = receiver.delivered("/hook");
        assertThat(hooks).extracting(h -> h.body().get("noticeId").asText()).containsExactly("n-1", "n-2");
        assertThat(hooks).extracting(Receiver.Hit::idempotencyKey)
                .containsExactly("n-1.electricity/webhook-1", "n-2.electricity/webhook-1");
        assertThat(hooks.get(0).body().get("reason").asText()).contains("150000");

        assertThat(receiver.delivered("/slack").get(0).body().get("text").asText()).contains("inc-1");
        assertThat(receiver.delivered("/slack").get(0).body().get("blocks").isArray()).isTrue();

        List<JsonNode> pd = receiver.delivered("/pd").stream().map(Receiver.Hit::body).toList();
        assertThat(pd).extracting(b -> b.get("event_action").asText()).containsExactly("trigger", "resolve");
        assertThat(pd).extracting(b -> b.get("dedup_key").asText()).containsOnly("inc-1");
        assertThat(pd.get(0).get("routing_key").asText()).isEqualTo("R0UTE");
        assertThat(pd.get(0).get("payload").get("severity").asText()).isEqualTo("critical");

        MimeMessage mail = MAIL.getReceivedMessages()[0];
        // the NEW notice opens the incident's thread (see EmailThreadingIT); the domain is from's
        assertThat(mail.getMessageID()).isEqualTo("<incident.inc-1.electricity=2Femail-4@example.org>");
        assertThat(mail.getSubject()).contains("[EXCEEDS]").contains("inc-1");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("検証レベル超過").contains("Reason:");
        assertThat(GreenMailUtil.getAddressList(mail.getAllRecipients())).contains("oncall@example.org");

        List<DeliveryReceipt> receipts = harness.receipts(false, rs -> rs.size() >= 8);
        assertThat(receipts).hasSize(8).allSatisfy(r -> {
            assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(r.getAttempt()).isEqualTo(1);
        });
        assertThat(receipts).extracting(r -> r.getChannelType().toString())
                .containsOnly("webhook", "slack", "pagerduty", "email");
        assertThat(meters.get(NotifierMetrics.DELIVERED).tag("channel", "email").tag("outcome", "delivered")
                .counter().count()).isEqualTo(2);
        assertThat(meters.get(NotifierMetrics.REPORT_TO_DELIVERY).tag("channel", "webhook").timer().count())
                .isEqualTo(2);
    }

    @Test
    void alertmanagerFiresTheAlertAndEndsItOnResolved() throws Exception {
        try (Alertmanager am = Alertmanager.startOrSkip(dir.resolve("am"))) {
            start("""
                          - type: alertmanager
                            url: %s
                    """.formatted(am.url()));
            harness.publish(Notices.notice("a-1", "inc-am"));
            await().atMost(Duration.ofSeconds(30)).until(() -> am.alerts().size() == 1);
            JsonNode labels = am.alerts().get(0).get("labels");
            assertThat(labels.get("alertname").asText()).isEqualTo("AnshinIncident");
            assertThat(labels.get("sector").asText()).isEqualTo("electricity");
            assertThat(labels.get("ceptoar").asText()).isEqualTo("electricity");
            // classification changes while the incident is open: an annotation, not part of the alert's identity
            assertThat(am.alerts().get(0).get("annotations").get("classification").asText())
                    .isEqualTo("EXCEEDS_VERIFICATION_LEVEL");
            assertThat(labels.has("classification")).isFalse();
            assertThat(labels.get("incident").asText()).isEqualTo("inc-am");
            assertThat(labels.get("incident_key").asText()).isEqualTo("inc-am"); // an old notice: no incidentKey
            assertThat(am.alerts().get(0).get("annotations").get("reason").asText()).contains("150000");

            harness.publish(Notices.builder("a-2", "inc-am").setNoticeType(NoticeType.RESOLVED)
                    .setResolvedAt(Notices.OCCURRED.plusSeconds(60)).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> am.alerts().isEmpty());
            assertThat(harness.receipts(false, rs -> rs.size() >= 2)).extracting(DeliveryReceipt::getOutcome)
                    .containsOnly(DeliveryOutcome.DELIVERED);
        }
    }

    @Test
    void aFlakyChannelSucceedsOnceAfterRetriesAndABrokenOneFailsAloneWithoutResends() throws Exception {
        receiver.failFirst("/flaky", 3, 503);
        receiver.failAlways("/broken", 400);
        start("""
                      - type: webhook
                        url: %s
                      - type: webhook
                        url: %s
                      - type: webhook
                        url: %s
                """.formatted(receiver.url("/ok"), receiver.url("/flaky"), receiver.url("/broken")));
        harness.publish(Notices.notice("f-1", "inc-f"));

        List<DeliveryReceipt> receipts = harness.receipts(false, rs -> rs.stream()
                .filter(r -> r.getOutcome() != DeliveryOutcome.RETRYING).count() >= 3);
        assertThat(receiver.delivered("/ok")).hasSize(1);
        assertThat(receiver.hits("/flaky")).hasSize(4);
        assertThat(receiver.delivered("/flaky")).hasSize(1);
        assertThat(keysOnce(receiver.hits("/flaky"))).isEqualTo(1);
        assertThat(receiver.hits("/broken")).hasSize(1);

        assertThat(receipts.stream().filter(r -> r.getChannel().toString().equals("electricity/webhook-2")))
                .extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.RETRYING,
                        DeliveryOutcome.RETRYING, DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED);
        assertThat(receipts.stream().filter(r -> r.getChannel().toString().equals("electricity/webhook-3")))
                .singleElement().satisfies(r -> {
                    assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
                    assertThat(r.getError().toString()).contains("HTTP 400");
                });
        assertThat(receipts.stream().filter(r -> r.getChannel().toString().equals("electricity/webhook-1")))
                .extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(meters.get(NotifierMetrics.FAILED).tag("channel", "webhook").counter().count()).isEqualTo(1);
        assertThat(meters.get(NotifierMetrics.RETRIES).tag("channel", "webhook").counter().count()).isEqualTo(3);
    }

    @Test
    void drillsReachOnlyDrillChannelsAndTheirReceiptsStayOnTheDrillTopic() throws Exception {
        start("""
                      - type: webhook
                        url: %s
                        exercise: true
                      - type: webhook
                        url: %s
                """.formatted(receiver.url("/drill"), receiver.url("/real")));
        harness.publish(Notices.builder("x-1", "inc-x").setExercise(true).build(), Notices.notice("r-1", "inc-r"));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/drill").size() == 2
                && receiver.delivered("/real").size() == 1);
        assertThat(receiver.delivered("/real")).extracting(h -> h.body().get("noticeId").asText())
                .containsExactly("r-1");
        Set<String> drillIds = receiver.delivered("/drill").stream().map(h -> h.body().get("noticeId").asText())
                .collect(Collectors.toSet());
        assertThat(drillIds).containsExactlyInAnyOrder("x-1", "r-1");

        List<DeliveryReceipt> drillReceipts = harness.receipts(true, rs -> !rs.isEmpty());
        assertThat(drillReceipts).singleElement().satisfies(r -> {
            assertThat(r.getNoticeId().toString()).isEqualTo("x-1");
            assertThat(r.getExercise()).isTrue();
        });
        assertThat(harness.receipts(false, rs -> rs.size() >= 2)).extracting(r -> r.getNoticeId().toString())
                .containsOnly("r-1");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.hits("/real").size() == 1);
    }

    @Test
    void aGroupingWindowMergesOneIncidentsBurstIntoOneMessage() throws Exception {
        start("""
                      - type: webhook
                        url: %s
                        groupWait: 2s
                """.formatted(receiver.url("/grouped")));
        harness.publish(Notices.notice("g-1", "inc-g"),
                Notices.builder("g-2", "inc-g").setNoticeType(NoticeType.UPDATED).build(),
                Notices.builder("g-3", "inc-g").setNoticeType(NoticeType.ESCALATED).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/grouped").size() == 1);
        JsonNode body = receiver.delivered("/grouped").get(0).body();
        assertThat(body.get("noticeId").asText()).isEqualTo("g-3");
        assertThat(body.get("groupedNotices")).extracting(n -> n.get("noticeId").asText())
                .containsExactly("g-1", "g-2");
        assertThat(harness.receipts(false, rs -> rs.size() >= 3)).hasSize(3)
                .extracting(DeliveryReceipt::getOutcome).containsOnly(DeliveryOutcome.DELIVERED);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.hits("/grouped").size() == 1);
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndDoesNotStopTheNextNotices() throws Exception {
        start("""
                      - type: webhook
                        url: %s
                """.formatted(receiver.url("/hook")));
        harness.publishRaw(new byte[] {0, 0, 0, 0, 42, 1, 2, 3});
        harness.publish(Notices.notice("after-bad", "inc-bad"));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/hook").size() == 1);
        assertThat(infra.readAtLeast(harness.settings.deadLetterTopic(), 1)).singleElement()
                .satisfies(r -> assertThat(new String(r.headers().lastHeader("anshin.dlq.source.topic").value()))
                        .isEqualTo(harness.topic));
        assertThat(meters.get(NotifierMetrics.UNREADABLE).counter().count()).isEqualTo(1);
    }

    /**
     * NISC is read like any CEPTOAR: its topic (here the test's twin of nisc.incidents) and, since its webhook
     * takes drills, the exercise twin. A TLP:RED notice reaches NISC's RED channel; an AMBER one is kept from
     * a GREEN-only Slack channel with a receipt saying why.
     */
    @Test
    void niscsRedChannelGetsRedNoticesAndAGreenOnlyChannelSkipsAmberWithAReceipt() throws Exception {
        start(Map.of("nisc", """
                      - type: webhook
                        url: %s
                        maxTlp: RED
                        exercise: true
                """.formatted(receiver.url("/nisc")), "electricity", """
                      - type: slack
                        url: %s
                """.formatted(receiver.url("/slack"))));
        harness.publish(Notices.builder("red-1", "inc-red").setCeptoarId("nisc").setTlp(Tlp.RED).build(),
                Notices.builder("red-x", "inc-red-drill").setCeptoarId("nisc").setTlp(Tlp.RED).setExercise(true).build(),
                Notices.builder("amber-1", "inc-amber").setTlp(Tlp.AMBER).build(),
                Notices.builder("green-1", "inc-green").setTlp(Tlp.GREEN).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/nisc").size() == 2
                && receiver.delivered("/slack").size() == 1);
        assertThat(receiver.delivered("/nisc")).extracting(h -> h.body().get("noticeId").asText())
                .containsExactlyInAnyOrder("red-1", "red-x");
        assertThat(receiver.delivered("/nisc")).extracting(h -> h.body().get("tlp").asText()).containsOnly("TLP:RED");
        assertThat(receiver.delivered("/slack").get(0).body().get("text").asText()).contains("inc-green");

        List<DeliveryReceipt> receipts = harness.receipts(false, rs -> rs.size() >= 3);
        assertThat(receipts).filteredOn(r -> r.getNoticeId().toString().equals("red-1")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
                    assertThat(r.getCeptoarId().toString()).isEqualTo("nisc");
                });
        assertThat(receipts).filteredOn(r -> r.getNoticeId().toString().equals("amber-1")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.SKIPPED);
                    assertThat(r.getChannelType().toString()).isEqualTo("slack");
                    assertThat(r.getError().toString()).startsWith("TLP:AMBER is above this channel's maxTlp GREEN");
                });
        assertThat(harness.receipts(true, rs -> !rs.isEmpty())).singleElement()
                .satisfies(r -> assertThat(r.getNoticeId().toString()).isEqualTo("red-x"));
        assertThat(meters.get(NotifierMetrics.DELIVERED).tag("channel", "slack")
                .tag("outcome", NotifierMetrics.SKIPPED_TLP).counter().count()).isEqualTo(1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.hits("/slack").size() == 1);
    }

    /** Two operators both call their incident INC-7: two PagerDuty incidents, never one grouped message. */
    @Test
    void twoIncidentsSharingAnIncidentIdAreTwoPagerDutyIncidentsAndAreNotGrouped() throws Exception {
        start("""
                      - type: pagerduty
                        url: %s
                        routingKey: R0UTE
                        groupWait: 1s
                """.formatted(receiver.url("/pd")));
        harness.publish(Notices.builder("a-1", "INC-7").setIncidentKey("tepco:INC-7").build(),
                Notices.builder("b-1", "INC-7").setIncidentKey("kepco:INC-7").setOperatorId("kepco").build(),
                Notices.builder("a-2", "INC-7").setIncidentKey("tepco:INC-7").setNoticeType(NoticeType.UPDATED).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/pd").size() == 2);
        Map<String, JsonNode> byDedup = receiver.delivered("/pd").stream().map(Receiver.Hit::body)
                .collect(Collectors.toMap(b -> b.get("dedup_key").asText(), b -> b));
        assertThat(byDedup).containsOnlyKeys("tepco:INC-7", "kepco:INC-7");
        assertThat(byDedup.get("tepco:INC-7").get("payload").get("custom_details").get("noticeId").asText())
                .isEqualTo("a-2");
        assertThat(byDedup.get("kepco:INC-7").get("payload").get("custom_details").get("noticeId").asText())
                .isEqualTo("b-1");
        assertThat(harness.receipts(false, rs -> rs.size() >= 3)).extracting(r -> r.getNoticeId() + "=" + r.getIncidentKey())
                .containsExactlyInAnyOrder("a-1=tepco:INC-7", "a-2=tepco:INC-7", "b-1=kepco:INC-7");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.hits("/pd").size() == 2);
    }
}
