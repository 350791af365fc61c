package org.anshin.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierSettings;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.channel.SendResult;
import org.anshin.notifier.delivery.DeliveryLedger;
import org.anshin.notifier.delivery.Dispatcher;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.notifier.delivery.RetryPolicy;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.registry.InMemorySchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Backpressure and commit rules of the poll loop, with Kafka's MockConsumer and blocking channels. */
class NoticeConsumerLoopTest {
    private static final String TOPIC = "ceptoar.electricity.incidents";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    @Test
    void pausesWhenFullAndCommitsOnlyUpToTheFirstUnsettledNotice() throws Exception {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        var serializer = ConfluentAvroSerde.forValue(IncidentNotice.class, registry, true).serializer();
        ChannelSpec hook = Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook");
        NotifierSettings settings = new NotifierSettings("g", 16, 4,
                new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(10)),
                Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(100), "d", "s", "dl");
        Dispatcher dispatcher = new Dispatcher(settings.lanes(), List.of(hook), spec -> message -> {
            CountDownLatch gate = gates.get(message.latest().getNoticeId());
            try {
                if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                    return SendResult.retryable("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SendResult.delivered();
        }, new DeliveryLedger(), (receipt, settles) -> CompletableFuture.completedFuture(null),
                settings.retry(), new NotifierMetrics(new SimpleMeterRegistry()), Clock.systemUTC());

        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        CountDownLatch others = new CountDownLatch(1);
        CountDownLatch third = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            gates.put("n" + i, i == 3 ? third : others);
        }
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP));
            consumer.updateBeginningOffsets(Map.of(TP, 0L));
            for (int i = 0; i < 10; i++) {
                IncidentNotice n = Notices.notice("n" + i, "inc-" + i);
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, n.getIncidentId(), serializer.serialize(TOPIC, n)));
            }
        });
        NoticeConsumerLoop loop = new NoticeConsumerLoop(consumer,
                ConfluentAvroSerde.forValue(IncidentNotice.class, registry, false).deserializer(),
                Map.of(TOPIC, new TopicRoute(TOPIC, "electricity", List.of(hook), false)), dispatcher,
                timeout -> { }, deadLetters(), new NotifierMetrics(new SimpleMeterRegistry()), settings,
                new ServiceHealth(new SimpleMeterRegistry(), ServiceHealth.POLL));
        Thread thread = new Thread(loop, "test-poll");
        thread.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().contains(TP));
            assertThat(loop.inFlight()).isEqualTo(10);
            assertThat(committed(consumer)).as("nothing settled, nothing committed past 0").isLessThanOrEqualTo(0);

            others.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> committed(consumer) == 3);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> committed(consumer) == 3);

            third.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> committed(consumer) == 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().isEmpty());
            assertThat(loop.inFlight()).isZero();
        } finally {
            loop.stop();
            thread.join(10_000);
            dispatcher.close();
        }
    }

    /** A poll loop that dies of an error it cannot retry reports it: gauge 0, not ready, fatal completes. */
    @Test
    void aLoopThatDiesSaysSoInsteadOfLeavingAZombie() throws Exception {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP));
            consumer.updateBeginningOffsets(Map.of(TP, 0L));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "k", new byte[] {0, 0, 0, 0, 1}));
        });
        NotifierSettings settings = NotifierSettings.defaults();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ServiceHealth health = new ServiceHealth(meters, ServiceHealth.POLL);
        ChannelSpec hook = Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook");
        Dispatcher dispatcher = new Dispatcher(1, List.of(hook), spec -> message -> SendResult.delivered(),
                new DeliveryLedger(), (receipt, settles) -> CompletableFuture.completedFuture(null), settings.retry(),
                new NotifierMetrics(meters), Clock.systemUTC());
        NoticeConsumerLoop loop = new NoticeConsumerLoop(consumer, (topic, bytes) -> {
            throw new IllegalStateException("a bug in the deserializer");
        }, Map.of(TOPIC, new TopicRoute(TOPIC, "electricity", List.of(hook), false)), dispatcher, timeout -> { },
                deadLetters(), new NotifierMetrics(meters), settings, health);
        Thread thread = new Thread(loop, "test-poll");
        thread.start();
        try {
            Throwable cause = health.fatal().get(10, TimeUnit.SECONDS);
            assertThat(cause).hasMessageContaining("poll").hasRootCauseMessage("a bug in the deserializer");
            assertThat(meters.get(ServiceHealth.THREAD_ALIVE).tag("thread", "poll").gauge().value()).isZero();
            assertThat(health.alive()).isFalse();
            assertThat(loop.ready()).isFalse();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        } finally {
            loop.stop();
            dispatcher.close();
        }
    }

    private static DeadLetterWriter deadLetters() {
        return new DeadLetterWriter(new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
                "dl", 3, Duration.ofMillis(10), () -> { });
    }

    private static long committed(MockConsumer<String, byte[]> consumer) {
        var offset = consumer.committed(Set.of(TP)).get(TP);
        return offset == null ? -1 : offset.offset();
    }
}
