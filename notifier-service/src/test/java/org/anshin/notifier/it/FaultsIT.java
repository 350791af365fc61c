package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.NotifierSettings;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.schemas.DeadLetterHeaders;
import org.anshin.notifier.kafka.ServiceHealth;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #11: nothing lost and nothing twice when routing aborts, the registry goes away, records are bad. */
@WithKafkaAndRegistry
class FaultsIT {
    private static final String HOOK = """
                  - type: webhook
                    url: %s
                    exercise: true
            """;

    @Test
    void aNoticeOfAnAbortedTransactionIsNeverDelivered(Infra infra, @TempDir Path dir) throws Exception {
        try (Receiver receiver = new Receiver()) {
            NotifierHarness harness = new NotifierHarness(infra, dir, HOOK.formatted(receiver.url("/hook")));
            Map<String, Object> props = new HashMap<>(infra.producerProps());
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, infra.uniqueTopic("routing-tx"));
            try (KafkaProducer<byte[], byte[]> routing = new KafkaProducer<>(props);
                 NotifierService service = harness.start(new SimpleMeterRegistry())) {
                routing.initTransactions();
                routing.beginTransaction();
                routing.send(harness.record(Notices.notice("tx-aborted", "inc-tx-1")));
                routing.flush();
                routing.abortTransaction();
                routing.beginTransaction();
                routing.send(harness.record(Notices.notice("tx-committed", "inc-tx-2")));
                routing.commitTransaction();

                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.delivered("/hook").size() == 1);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> receiver.hits("/hook").size() == 1);
                assertThat(receiver.hits("/hook").get(0).idempotencyKey()).startsWith("tx-committed.");
            }
            harness.close();
        }
    }

    @Test
    void aRegistryOutageIsWaitedOutAndDeliveryResumesWithNothingLost(Infra infra, @TempDir Path dir) throws Exception {
        try (Receiver receiver = new Receiver(); TcpProxy proxy = TcpProxy.inFrontOf(infra.registryUrl())) {
            NotifierHarness harness = new NotifierHarness(infra, dir, HOOK.formatted(receiver.url("/hook")));
            proxy.down();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (NotifierService service = NotifierService.start(harness.config(), harness.kafka(),
                    new RestSchemaRegistryClient(proxy.url(infra.registryUrl())), harness.settings, meters)) {
                harness.publish(java.util.stream.IntStream.range(0, 6)
                        .mapToObj(i -> Notices.notice("reg-" + i, "inc-reg-" + i)).toArray(IncidentNotice[]::new));
                // the notifier cannot read the writer schema: it waits, says it is not ready, and its poll thread lives
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        meters.get(NotifierService.REGISTRY_WAITING).gauge().value() > 0);
                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !service.ready()
                        && service.health().alive(ServiceHealth.POLL) && receiver.hits("/hook").isEmpty());
                assertThat(meters.get(ServiceHealth.THREAD_ALIVE).tag("thread", "poll").gauge().value()).isEqualTo(1);

                proxy.up();
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.delivered("/hook").size() >= 6);
                await().atMost(Duration.ofSeconds(60)).until(service::ready);
                Map<String, Long> perKey = receiver.hits("/hook").stream()
                        .collect(Collectors.groupingBy(Receiver.Hit::idempotencyKey, Collectors.counting()));
                assertThat(perKey).hasSize(6);
                assertThat(perKey.values()).containsOnly(1L);
                assertThat(harness.receipts(false, rs -> rs.stream()
                        .filter(r -> r.getOutcome() == DeliveryOutcome.DELIVERED).count() >= 6)).isNotEmpty();
                assertThat(service.fatal()).isNotDone();
            }
            harness.close();
        }
    }

    @Test
    void unreadableNoticesGoToTheNotifiersDeadLetterTopicsWithReasonHeaders(Infra infra, @TempDir Path dir)
            throws Exception {
        try (Receiver receiver = new Receiver()) {
            NotifierHarness harness = new NotifierHarness(infra, dir, HOOK.formatted(receiver.url("/hook")));
            String dlq = harness.settings.deadLetterTopic();
            byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
            var real = harness.publishRaw(harness.topic, "bad".getBytes(), garbage);
            var drill = harness.publishRaw(Topics.exercise(harness.topic), "bad".getBytes(), garbage);
            harness.publish(Notices.notice("after-garbage", "inc-garbage"));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (NotifierService service = harness.start(meters)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.delivered("/hook").size() == 1);
                ConsumerRecord<byte[], byte[]> r = infra.readAtLeast(dlq, 1).get(0);
                assertThat(r.value()).isEqualTo(garbage);
                assertThat(headers(r)).containsEntry(DeadLetterHeaders.REASON, "unreadable")
                        .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, harness.topic)
                        .containsEntry(DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(real.partition()))
                        .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(real.offset()))
                        .containsEntry(DeadLetterHeaders.EXCEPTION,
                                org.apache.kafka.common.errors.SerializationException.class.getName())
                        .containsKey(DeadLetterHeaders.MESSAGE);
                ConsumerRecord<byte[], byte[]> d = infra.readAtLeast(Topics.exercise(dlq), 1).get(0);
                assertThat(headers(d)).containsEntry(DeadLetterHeaders.SOURCE_TOPIC, Topics.exercise(harness.topic))
                        .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(drill.offset()));
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        harness.committed(harness.topic, real.partition()) > real.offset());
                assertThat(meters.get(NotifierMetrics.UNREADABLE).counter().count()).isEqualTo(2);
            }
            harness.close();
        }
    }

    @Test
    void aDeadLetterTopicThatCannotBeWrittenDoesNotPinTheCommittedOffset(Infra infra, @TempDir Path dir)
            throws Exception {
        try (Receiver receiver = new Receiver()) {
            NotifierHarness harness = new NotifierHarness(infra, dir, HOOK.formatted(receiver.url("/hook")));
            // a name Kafka refuses: every write fails for good
            NotifierSettings settings = harness.settings.withTopics(harness.group, harness.deliveries, harness.state,
                    "no such topic!");
            var bad = harness.publishRaw(harness.topic, "bad".getBytes(), "not avro".getBytes(StandardCharsets.UTF_8));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (NotifierService service = NotifierService.start(harness.config(), harness.kafka(), harness.registry,
                    settings, meters)) {
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        meters.find(NotifierService.DEAD_LETTER_FAILURES).counter() != null
                                && meters.get(NotifierService.DEAD_LETTER_FAILURES).counter().count() == 1);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        harness.committed(harness.topic, bad.partition()) == bad.offset() + 1);
                harness.publish(Notices.notice("after-bad-dlq", "inc-bad-dlq"));
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/hook").size() == 1);
            }
            harness.close();
        }
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> out = new HashMap<>();
        r.headers().forEach(h -> out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return out;
    }

    @SuppressWarnings("unused")
    private static List<String> ids(List<Receiver.Hit> hits) {
        return hits.stream().map(Receiver.Hit::idempotencyKey).toList();
    }
}
