package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.anshin.notifier.Advisories;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.advisory.AdvisoryTopics;
import org.anshin.notifier.channel.Channels;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advisories end to end on the real broker and registry, a webhook receiver and GreenMail: the gas CEPTOAR's
 * advisory channels and the gas operators' own contacts get an AMBER WARNING, electricity's do not; AMBER+STRICT
 * reaches the secretariat's channel only; an INFO is not paged; receipts land on the advisory deliveries topic; a
 * restart that reads everything again (a new group) sends nothing twice.
 */
@WithKafkaAndRegistry
class AdvisoriesIT {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

    private final Infra infra;
    private final Receiver receiver;
    @TempDir
    Path dir;
    private NotifierHarness harness;
    private NotifierService service;
    private final Map<String, String> advisoryTopics = new HashMap<>();
    private String advisoryDeliveries;

    AdvisoriesIT(Infra infra) throws Exception {
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

    private static String hash(int i) {
        return "a".repeat(63) + i;
    }

    private NotifierService start(String group) {
        AdvisoryTopics topics = new AdvisoryTopics(advisoryTopics::get, advisoryDeliveries);
        var settings = harness.settings.withTopics(group, harness.deliveries, harness.state,
                infra.uniqueTopic("incidents.dead-letter"));
        NotifierService s = NotifierService.start(harness.config(), harness.kafka(), harness.registry, settings,
                new SimpleMeterRegistry(), new Channels(settings.httpTimeout(), settings.links())::create,
                Optional.empty(), topics);
        await("notifier ready").atMost(Duration.ofSeconds(60)).until(s::ready);
        return s;
    }

    private void publish(AdvisoryNotice... notices) throws Exception {
        var serializer = ConfluentAvroSerde.forValue(AdvisoryNotice.class, harness.registry, true).serializer();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infra.producerProps())) {
            for (AdvisoryNotice n : notices) {
                String t = Topics.route(advisoryTopics.get(n.getRecipient()), n.getExercise());
                producer.send(new ProducerRecord<>(t, n.getAdvisoryId().getBytes(), serializer.serialize(t, n)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private List<DeliveryReceipt> receipts(java.util.function.Predicate<List<DeliveryReceipt>> done) {
        var deserializer = ConfluentAvroSerde.forValue(DeliveryReceipt.class, harness.registry, false).deserializer();
        return infra.readUntil(advisoryDeliveries,
                rs -> done.test(rs.stream().map(r -> deserializer.deserialize(advisoryDeliveries, r.value())).toList()),
                Duration.ofSeconds(60)).stream().map(r -> deserializer.deserialize(advisoryDeliveries, r.value()))
                .toList();
    }

    private static long settled(List<DeliveryReceipt> rs) {
        return rs.stream().filter(r -> r.getOutcome() != DeliveryOutcome.RETRYING).count();
    }

    @Test
    void advisoriesReachTheirSectorsChannelsByTlpAndSeverityAndARestartSendsNothingTwice() throws Exception {
        String gasChannels = """
                      - type: webhook
                        url: %s
                        advisories: true
                      - type: webhook
                        id: gas/incidents-only
                        url: %s
                      - type: pagerduty
                        url: %s
                        routingKey: R0UTE-GAS
                        advisories: true
                """.formatted(receiver.url("/hook/gas"), receiver.url("/hook/gas-incidents"), receiver.url("/pd/gas"));
        String electricityChannels = """
                      - type: webhook
                        url: %s
                        advisories: true
                """.formatted(receiver.url("/hook/electricity"));
        harness = new NotifierHarness(infra, dir, Map.of("gas", gasChannels, "electricity", electricityChannels));
        Files.writeString(harness.configDir.resolve("operators.yaml"), """
                version: test
                operators:
                  - id: gas-op-1
                    sectors: [gas]
                    tokenSha256: %s
                    contacts:
                      - type: webhook
                        url: %s
                  - id: gas-op-2
                    sectors: [gas]
                    tokenSha256: %s
                    contacts:
                      - type: email
                        smtp: smtp://127.0.0.1:%d
                        from: anshin@example.org
                        to: [gas-op-2@example.org]
                  - id: electricity-op
                    sectors: [electricity]
                    tokenSha256: %s
                    contacts:
                      - type: webhook
                        url: %s
                """.formatted(hash(1), receiver.url("/hook/gas-op-1"), hash(2), ServerSetupTest.SMTP.getPort(), hash(3),
                receiver.url("/hook/electricity-op")));
        for (String id : List.of("gas", "electricity", "council", "telecom")) {
            advisoryTopics.put(id, infra.uniqueTopic(Topics.ceptoarAdvisories(id)));
        }
        harness.config().ceptoars().byId().keySet().forEach(id ->
                advisoryTopics.computeIfAbsent(id, k -> infra.uniqueTopic(Topics.ceptoarAdvisories(k))));
        infra.createTopics(new NewTopic(advisoryTopics.get("gas"), 3, (short) 1),
                new NewTopic(advisoryTopics.get("electricity"), 3, (short) 1));
        advisoryDeliveries = infra.uniqueTopic(Topics.ADVISORY_DELIVERIES);
        service = start(harness.group);

        String amber = UUID.randomUUID().toString();
        String strict = UUID.randomUUID().toString();
        String info = UUID.randomUUID().toString();
        publish(Advisories.advisory(amber, "gas", "gas").build(),
                Advisories.advisory(strict, "gas", "gas").setTlp(Tlp.AMBER_STRICT).setSecretariatOnly(true).build(),
                Advisories.advisory(info, "gas", "gas").setSeverity(AdvisorySeverity.INFO).setTlp(Tlp.GREEN).build());

        // amber: gas hook + pd (skipped) + 2 contacts = 4; strict: hook + pd (skipped) = 2; info: 4 again
        List<DeliveryReceipt> rs = receipts(r -> settled(r) >= 10);
        assertThat(settled(rs)).isEqualTo(10);
        assertThat(rs).allSatisfy(r -> {
            assertThat(r.getCeptoarId()).isEqualTo("gas");
            assertThat(r.getIncidentKey()).isEmpty();
            assertThat(r.getNoticeId()).isEqualTo(r.getIncidentId() + ".gas");
        });
        assertThat(receiver.delivered("/hook/gas")).extracting(h -> h.body().get("advisoryId").asText())
                .containsExactlyInAnyOrder(amber, strict, info);
        assertThat(receiver.delivered("/hook/gas").get(0).idempotencyKey()).endsWith(".gas.gas/webhook-1");
        assertThat(receiver.delivered("/hook/gas-op-1")).extracting(h -> h.body().get("advisoryId").asText())
                .containsExactlyInAnyOrder(amber, info);
        assertThat(receiver.delivered("/hook/gas-op-1").get(0).idempotencyKey()).endsWith(".gas.gas-op-1/webhook-1");
        assertThat(receiver.hits("/pd/gas")).isEmpty();
        assertThat(receiver.hits("/hook/gas-incidents")).isEmpty();
        assertThat(receiver.hits("/hook/electricity")).isEmpty();
        assertThat(receiver.hits("/hook/electricity-op")).isEmpty();
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "[Anshin][情報提供][WARNING] Patch the VPN gateways", "[Anshin][情報提供][INFO] Patch the VPN gateways");
        // pagerduty takes TLP:AMBER at most (the strict one is kept out by maxTlp), and WARNING and INFO do not page
        assertThat(rs).filteredOn(r -> r.getChannel().equals("gas/pagerduty-3")).hasSize(3)
                .allSatisfy(r -> assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.SKIPPED))
                .filteredOn(r -> !r.getIncidentId().equals(strict)).extracting(DeliveryReceipt::getError)
                .containsExactlyInAnyOrder("severity WARNING does not page", "severity INFO does not page");
        assertThat(rs).filteredOn(r -> r.getIncidentId().equals(strict)).extracting(DeliveryReceipt::getChannel)
                .containsExactlyInAnyOrder("gas/webhook-1", "gas/pagerduty-3");
        assertThat(service.ledger().settled(amber + ".gas", "gas-op-2/email-1")).contains(DeliveryOutcome.DELIVERED);

        // a restart under a new group reads every advisory again: the ledger keeps every settled pair from a resend
        service.close();
        service = start(harness.group + "-again");
        List<DeliveryReceipt> again = receipts(r -> settled(r) >= 20);
        // (the topic has several partitions: receipts of both runs interleave, so they are counted, not sliced)
        assertThat(again).filteredOn(r -> r.getOutcome() == DeliveryOutcome.DELIVERED)
                .hasSize((int) rs.stream().filter(r -> r.getOutcome() == DeliveryOutcome.DELIVERED).count());
        assertThat(again).filteredOn(r -> String.valueOf(r.getError()).startsWith("already settled earlier as DELIVERED"))
                .hasSize(7);
        assertThat(receiver.hits("/hook/gas")).hasSize(3);
        assertThat(receiver.hits("/hook/gas-op-1")).hasSize(2);
        assertThat(MAIL.getReceivedMessages()).hasSize(2);
    }
}
