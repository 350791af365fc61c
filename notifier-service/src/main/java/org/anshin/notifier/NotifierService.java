package org.anshin.notifier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoars;
import org.anshin.notifier.channel.Channel;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelSpecs;
import org.anshin.notifier.channel.Channels;
import org.anshin.notifier.delivery.DeliveryLedger;
import org.anshin.notifier.delivery.Dispatcher;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.notifier.kafka.KafkaReceiptSink;
import org.anshin.notifier.kafka.NoticeConsumerLoop;
import org.anshin.notifier.kafka.StateTopicTailer;
import org.anshin.notifier.kafka.TopicRoute;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier without its HTTP face: wires config, Kafka clients, the delivery ledger, the dispatcher
 * and the poll loop, and takes them down in the right order (stop reading, let in-flight sends
 * settle, commit, then close the senders and the producer).
 */
public final class NotifierService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);
    private static final Duration STARTUP_CATCH_UP = Duration.ofSeconds(60);
    private static final Map<String, String> STATE_CONFIGS = Map.of("cleanup.policy", "compact,delete",
            "retention.ms", String.valueOf(Duration.ofDays(30).toMillis()));

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaReceiptSink sink;
    private final StateTopicTailer tailer;
    private final Dispatcher dispatcher;
    private final NoticeConsumerLoop loop;
    private final Thread loopThread;
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();
    private final DeliveryLedger ledger;

    private NotifierService(KafkaProducer<String, byte[]> producer, KafkaReceiptSink sink, StateTopicTailer tailer,
                            Dispatcher dispatcher, NoticeConsumerLoop loop, DeliveryLedger ledger) {
        this.producer = producer;
        this.sink = sink;
        this.tailer = tailer;
        this.dispatcher = dispatcher;
        this.loop = loop;
        this.ledger = ledger;
        this.loopThread = new Thread(loop, "anshin-notifier-poll");
    }

    /** Starts with the real channels of the config. */
    public static NotifierService start(AnshinConfig config, Map<String, Object> kafka, SchemaRegistry registry,
                                        NotifierSettings settings, MeterRegistry meters) {
        Channels channels = new Channels(settings.httpTimeout());
        return start(config, kafka, registry, settings, meters, channels::create);
    }

    public static NotifierService start(AnshinConfig config, Map<String, Object> kafka, SchemaRegistry registry,
                                        NotifierSettings settings, MeterRegistry meters,
                                        Function<ChannelSpec, Channel> channelFactory) {
        Map<String, List<ChannelSpec>> specs = ChannelSpecs.parse(config.dir().resolve(Ceptoars.FILE), config.ceptoars());
        Map<String, TopicRoute> routes = TopicRoute.of(config.ceptoars(), specs);
        ensureOwnTopics(kafka, settings);

        NotifierMetrics metrics = new NotifierMetrics(meters);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(kafka));
        KafkaReceiptSink sink = new KafkaReceiptSink(producer,
                ConfluentAvroSerde.forValue(DeliveryReceipt.class, registry, true).serializer(),
                settings.deliveriesTopic(), settings.stateTopic());

        preRegister(registry, settings);
        DeliveryLedger ledger = settings.newLedger();
        StateTopicTailer tailer = new StateTopicTailer(new KafkaConsumer<>(tailerProps(kafka)), settings.stateTopic(),
                ledger);
        tailer.start();
        try {
            tailer.awaitCaughtUp(STARTUP_CATCH_UP);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not read " + settings.stateTopic() + " within " + STARTUP_CATCH_UP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + settings.stateTopic(), e);
        }
        LOG.info("delivery ledger loaded: {} settled notice/channel pairs", ledger.size());

        List<ChannelSpec> all = specs.values().stream().flatMap(List::stream).toList();
        if (all.stream().noneMatch(s -> s.allows(Tlp.RED))) {
            // TLP:RED goes to NISC only, and only to channels that say maxTlp: RED: without one it reaches nobody
            LOG.warn("no channel has 'maxTlp: RED': TLP:RED notices will be skipped everywhere (receipts say so)");
        }
        Dispatcher dispatcher = new Dispatcher(settings.lanes(), all, channelFactory, ledger, sink, settings.retry(),
                metrics, Clock.systemUTC(), settings.dispatchLimits());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(kafka, settings));
        NoticeConsumerLoop loop = new NoticeConsumerLoop(consumer,
                ConfluentAvroSerde.forValue(IncidentNotice.class, registry, false).deserializer(), routes, dispatcher,
                tailer, producer, metrics, settings);
        NotifierService service = new NotifierService(producer, sink, tailer, dispatcher, loop, ledger);
        service.clientMetrics.add(new KafkaClientMetrics(consumer));
        service.clientMetrics.add(new KafkaClientMetrics(producer));
        service.clientMetrics.forEach(m -> m.bindTo(meters));
        meters.gauge("anshin.notifier.in.flight", loop, NoticeConsumerLoop::inFlight);
        service.loopThread.start();
        LOG.info("notifier reading {} topic(s) for {} channel(s) as group {}", routes.size(), all.size(),
                settings.groupId());
        return service;
    }

    /**
     * The receipt, state and dead-letter topics; normally made by {@code ./anshin up} from {@link Topics#all()},
     * created here too so that a notifier pointed at a fresh cluster does not stall. Broker defaults where the
     * catalogue has no entry (tests use their own names).
     */
    private static void ensureOwnTopics(Map<String, Object> kafka, NotifierSettings settings) {
        Map<String, NewTopic> wanted = new HashMap<>();
        for (String name : List.of(settings.deliveriesTopic(), Topics.exercise(settings.deliveriesTopic()),
                settings.deadLetterTopic(), settings.stateTopic())) {
            Optional<NewTopic> spec = Topics.all().stream().filter(t -> t.name().equals(name)).findFirst()
                    .map(t -> new NewTopic(name, Optional.of(t.partitions()), Optional.empty()).configs(t.configs()));
            wanted.put(name, spec.orElseGet(() -> new NewTopic(name, Optional.of(Topics.NOTICE_PARTITIONS),
                    Optional.empty()).configs(name.equals(settings.stateTopic()) ? STATE_CONFIGS : Map.of())));
        }
        try (Admin admin = Admin.create(kafka)) {
            for (NewTopic t : wanted.values()) {
                try {
                    admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                    LOG.info("created topic {}", t.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warn("could not create topic {}: {}", t.name(), e.getCause().toString());
                    }
                } catch (TimeoutException e) {
                    LOG.warn("creating topic {} timed out", t.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Registers the receipt schema before the first delivery, so that eight workers settling at once do
     * not race to register it; if the registry is down now, the first write registers it instead.
     */
    private static void preRegister(SchemaRegistry registry, NotifierSettings settings) {
        for (String topic : List.of(settings.deliveriesTopic(), Topics.exercise(settings.deliveriesTopic()))) {
            try {
                registry.register(topic + "-value", DeliveryReceipt.getClassSchema());
            } catch (RuntimeException e) {
                LOG.warn("could not register the receipt schema for {} yet: {}", topic, e.toString());
            }
        }
    }

    private static Map<String, Object> producerProps(Map<String, Object> kafka) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anshin-notifier-receipts");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    private static Map<String, Object> tailerProps(Map<String, Object> kafka) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "anshin-notifier-state");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    private static Map<String, Object> consumerProps(Map<String, Object> kafka, NotifierSettings settings) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "anshin-notifier-notices");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new group delivers what is already waiting: notices routed before the notifier first started count
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, settings.maxInFlight()));
        // only partitions that really move are revoked, so a rebalance does not stop every delivery
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    /** Ready when the poll loop has its assignment and keeps polling, and receipts are being written. */
    public boolean ready() {
        return loop.ready() && System.currentTimeMillis() - sink.lastFailureMillis() > 30_000;
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    @Override
    public void close() {
        loop.stop();
        try {
            loopThread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
        producer.close(Duration.ofSeconds(10));
        try {
            tailer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientMetrics.forEach(KafkaClientMetrics::close);
    }

}
