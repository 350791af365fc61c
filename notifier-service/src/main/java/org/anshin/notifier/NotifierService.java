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
import org.anshin.common.config.Operators;
import org.anshin.common.kafka.BatchedReader;
import org.anshin.notifier.advisory.AdvisoryReach;
import org.anshin.notifier.advisory.AdvisoryReader;
import org.anshin.notifier.advisory.AdvisoryTopics;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.notifier.alerting.AlertKeeper;
import org.anshin.notifier.alerting.HttpAlertPoster;
import org.anshin.notifier.alerting.KafkaFiringLog;
import org.anshin.notifier.alerting.OwnedPartitions;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.channel.Channel;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelSpecs;
import org.anshin.notifier.channel.Channels;
import org.anshin.notifier.delivery.DeliveryLedger;
import org.anshin.notifier.delivery.Dispatcher;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.notifier.kafka.DeadLetterWriter;
import org.anshin.notifier.kafka.KafkaReceiptSink;
import org.anshin.notifier.kafka.ServiceHealth;
import org.anshin.notifier.kafka.NoticeConsumerLoop;
import org.anshin.notifier.kafka.StateCatchUp;
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
    /**
     * The whole of {@link #close()}: docker-compose's {@code stop_grace_period} for the notifier is 30 s (then
     * SIGKILL), so the drain, the commit and the closing of every client must end well before: in-flight
     * notices get at most {@link #DRAIN} (less than the revoke grace when that is longer), the commit and the
     * consumer's close 3 s each, sends in progress (bounded by --send-timeout) what is left for the lanes, the
     * producer the rest, with 5 s to spare for the JVM's exit.
     */
    public static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(25);
    static final Duration DRAIN = Duration.ofSeconds(12);
    /**
     * With a group.instance.id (static membership) a SIGKILLed instance keeps its partitions until this
     * expires, and a restart with the same id within it takes them back at once, without a rebalance. 30 s
     * rides a container restart (the JVM is up and polling in well under 10 s), yet a dead instance's
     * partitions move to the others after 30 s. The heartbeat (3 s) stays below a third of it.
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The longest the poll thread may go between polls: a revocation waits up to --revoke-grace (below 4 min,
     * NotifierSettings checks it) and commits for 10 s; an assignment waits up to 30 s for the state tailer.
     * 5 min covers both, so a slow drain never looks like a dead consumer.
     */
    static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(5);
    public static final String READY = "anshin.notifier.ready";
    public static final String REGISTRY_WAITING = "anshin.notifier.registry.waiting.partitions";
    public static final String DEAD_LETTER_FAILURES = "anshin.notifier.dead.letter.failures";
    private static final int DEAD_LETTER_ATTEMPTS = 3;
    private static final Map<String, String> STATE_CONFIGS = Map.of("cleanup.policy", "compact,delete",
            "retention.ms", String.valueOf(Duration.ofDays(30).toMillis()));
    private static final Map<String, String> FIRING_CONFIGS = Map.of("cleanup.policy", "compact", "retention.ms", "-1");

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaProducer<String, byte[]> deadLetterProducer;
    private final DeadLetterWriter deadLetters;
    private final ServiceHealth health;
    private final KafkaReceiptSink sink;
    private final StateTopicTailer tailer;
    private final Dispatcher dispatcher;
    private final NoticeConsumerLoop loop;
    private final Thread loopThread;
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();
    private final DeliveryLedger ledger;
    /** The Alertmanager keeper and its firing-topic tailer; null without Alertmanager channels. */
    private AlertKeeper keeper;
    private StateTopicTailer firingTailer;
    /** The advisory poll loop and its thread; null when no channel takes advisories. */
    private NoticeConsumerLoop advisoryLoop;
    private Thread advisoryThread;
    /** The advisory loop's name in the {@code anshin.notifier.thread.alive} gauge. */
    public static final String ADVISORY_POLL = "advisory-poll";

    private NotifierService(KafkaProducer<String, byte[]> producer, KafkaProducer<String, byte[]> deadLetterProducer,
                            DeadLetterWriter deadLetters, ServiceHealth health, KafkaReceiptSink sink,
                            StateTopicTailer tailer, Dispatcher dispatcher, NoticeConsumerLoop loop,
                            DeliveryLedger ledger) {
        this.producer = producer;
        this.deadLetterProducer = deadLetterProducer;
        this.deadLetters = deadLetters;
        this.health = health;
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
        Channels channels = new Channels(settings.httpTimeout(), settings.links());
        return start(config, kafka, registry, settings, meters, channels::create);
    }

    public static NotifierService start(AnshinConfig config, Map<String, Object> kafka, SchemaRegistry registry,
                                        NotifierSettings settings, MeterRegistry meters,
                                        Function<ChannelSpec, Channel> channelFactory) {
        return start(config, kafka, registry, settings, meters, channelFactory, Optional.empty());
    }

    /** @param instanceId {@code group.instance.id} of the notice consumer (static membership), if any */
    public static NotifierService start(AnshinConfig config, Map<String, Object> kafka, SchemaRegistry registry,
                                        NotifierSettings settings, MeterRegistry meters,
                                        Function<ChannelSpec, Channel> channelFactory, Optional<String> instanceId) {
        return start(config, kafka, registry, settings, meters, channelFactory, instanceId, AdvisoryTopics.DEFAULT);
    }

    /** @param advisoryTopics where advisories are read and their receipts written (tests: their own names) */
    public static NotifierService start(AnshinConfig config, Map<String, Object> kafka, SchemaRegistry registry,
                                        NotifierSettings settings, MeterRegistry meters,
                                        Function<ChannelSpec, Channel> channelFactory, Optional<String> instanceId,
                                        AdvisoryTopics advisoryTopics) {
        Map<String, List<ChannelSpec>> specs = ChannelSpecs.parse(config.dir().resolve(Ceptoars.FILE), config.ceptoars());
        Map<String, TopicRoute> routes = TopicRoute.of(config.ceptoars(), specs);
        List<ChannelSpec> all = specs.values().stream().flatMap(List::stream).toList();
        // operators' own contacts take advisories only; their ids must not collide with the CEPTOAR channels'
        Map<String, List<ChannelSpec>> contacts = ChannelSpecs.parseContacts(config.dir().resolve(Operators.FILE),
                config.operators(), all.stream().map(ChannelSpec::id).collect(java.util.stream.Collectors.toSet()));
        AdvisoryReach reach = new AdvisoryReach(specs, contacts, config.operators());
        boolean advisories = reach.any();
        boolean alertmanager = all.stream().anyMatch(c -> c.type() == ChannelType.ALERTMANAGER);
        ensureOwnTopics(kafka, settings, alertmanager, advisories ? advisoryTopics.deliveries() : null);

        NotifierMetrics metrics = new NotifierMetrics(meters);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(kafka));
        KafkaReceiptSink sink = new KafkaReceiptSink(producer,
                ConfluentAvroSerde.forValue(DeliveryReceipt.class, registry, true).serializer(),
                settings.deliveriesTopic(), settings.stateTopic());

        preRegister(registry, settings, advisoryTopics);
        DeliveryLedger ledger = settings.newLedger();
        io.micrometer.core.instrument.Gauge.builder("anshin.notifier.ledger.pairs", ledger, DeliveryLedger::size)
                .description("settled notice/channel pairs the delivery ledger holds").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("anshin.notifier.ledger.forced.evictions", ledger,
                        DeliveryLedger::forcedEvictions)
                .description("fresh pairs forgotten at the ledger's hard ceiling (1.5 x --ledger-max-entries)")
                .register(meters);
        List<String> threads = new ArrayList<>(List.of(ServiceHealth.POLL, ServiceHealth.STATE_TAILER));
        if (alertmanager) {
            threads.add(AlertKeeper.TAILER);
        }
        if (advisories) {
            threads.add(ADVISORY_POLL);
        }
        ServiceHealth health = new ServiceHealth(meters, threads.toArray(String[]::new));
        StateTopicTailer tailer = new StateTopicTailer(new KafkaConsumer<>(tailerProps(kafka)), settings.stateTopic(),
                ledger, health);
        tailer.start();
        awaitCaughtUp(tailer, settings.stateTopic());
        LOG.info("delivery ledger loaded: {} settled notice/channel pairs", ledger.size());

        OwnedPartitions owned = new OwnedPartitions();
        AlertKeeper keeper = null;
        StateTopicTailer firingTailer = null;
        if (alertmanager) {
            String writer = java.util.UUID.randomUUID().toString();
            keeper = new AlertKeeper(routes, settings.links(), new HttpAlertPoster(settings.httpTimeout()),
                    new KafkaFiringLog(producer, settings.alertsFiringTopic(), writer), owned, ledger::settled,
                    Clock.systemUTC(), settings.httpTimeout(), writer, meters);
            Map<String, Object> firingProps = tailerProps(kafka);
            firingProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "anshin-notifier-alerts");
            firingTailer = new StateTopicTailer(new KafkaConsumer<>(firingProps), settings.alertsFiringTopic(),
                    keeper::apply, health, AlertKeeper.TAILER);
            firingTailer.start();
            awaitCaughtUp(firingTailer, settings.alertsFiringTopic());
            LOG.info("alert keeper loaded: {} open incident alert(s) at Alertmanager channels", keeper.open().size());
        }
        if (all.stream().noneMatch(s -> s.allows(Tlp.RED))) {
            // TLP:RED goes to NISC only, and only to channels that say maxTlp: RED: without one it reaches nobody
            LOG.warn("no channel has 'maxTlp: RED': TLP:RED notices will be skipped everywhere (receipts say so)");
        }
        List<ChannelSpec> senders = new ArrayList<>(all);
        senders.addAll(reach.contactSpecs());
        // one dispatcher for notices and advisories: a receiver's rate limit, 429 pause and send slots are shared
        Dispatcher dispatcher = new Dispatcher(settings.lanes(), senders, channelFactory, ledger, sink, settings.retry(),
                metrics, Clock.systemUTC(), settings.dispatchLimits());
        dispatcher.onAdvisoryReceipts(KafkaReceiptSink.forAdvisories(producer,
                ConfluentAvroSerde.forValue(DeliveryReceipt.class, registry, true).serializer(),
                advisoryTopics.deliveries(), settings.stateTopic()));
        StateTopicTailer firing = firingTailer;
        // an assignment waits for both: who delivered what, and which alerts are kept firing
        StateCatchUp catchUp = firing == null ? tailer : timeout -> {
            tailer.awaitCaughtUp(timeout);
            firing.awaitCaughtUp(timeout);
        };
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(kafka, settings, instanceId));
        KafkaProducer<String, byte[]> deadLetterProducer = new KafkaProducer<>(deadLetterProducerProps(kafka));
        var deadLetterFailures = io.micrometer.core.instrument.Counter.builder(DEAD_LETTER_FAILURES)
                .description("unreadable notices that could not be written to the dead-letter topic (given up, "
                        + "left in their source topic)").register(meters);
        DeadLetterWriter deadLetters = new DeadLetterWriter(deadLetterProducer, settings.deadLetterTopic(),
                DEAD_LETTER_ATTEMPTS, Duration.ofSeconds(1), deadLetterFailures::increment);
        NoticeConsumerLoop loop = new NoticeConsumerLoop(consumer,
                ConfluentAvroSerde.forValue(IncidentNotice.class, registry, false).deserializer(), routes, dispatcher,
                catchUp, deadLetters, metrics, settings, health);
        if (keeper != null) {
            dispatcher.onDelivered(keeper);
            loop.onIntake(keeper);
            loop.onOwnership(owned);
        }
        NotifierService service = new NotifierService(producer, deadLetterProducer, deadLetters, health, sink, tailer,
                dispatcher, loop, ledger);
        service.clientMetrics.add(new KafkaClientMetrics(consumer));
        service.clientMetrics.add(new KafkaClientMetrics(producer));
        service.clientMetrics.forEach(m -> m.bindTo(meters));
        meters.gauge("anshin.notifier.in.flight", loop, NoticeConsumerLoop::inFlight);
        meters.gauge(REGISTRY_WAITING, loop, NoticeConsumerLoop::waitingForRegistry);
        meters.gauge(READY, service, s -> s.ready() ? 1 : 0);
        service.keeper = keeper;
        service.firingTailer = firingTailer;
        if (advisories) {
            Map<String, TopicRoute> advisoryRoutes = reach.routes(config.ceptoars(), advisoryTopics);
            KafkaConsumer<String, byte[]> advisoryConsumer = new KafkaConsumer<>(advisoryConsumerProps(kafka, settings,
                    instanceId));
            service.advisoryLoop = new NoticeConsumerLoop(advisoryConsumer, AdvisoryReader.of(
                    ConfluentAvroSerde.forValue(AdvisoryNotice.class, registry, false).deserializer(), reach),
                    advisoryRoutes, dispatcher, catchUp, deadLetters, metrics, settings, health, ADVISORY_POLL);
            service.advisoryThread = new Thread(service.advisoryLoop, "anshin-notifier-advisory-poll");
            service.clientMetrics.add(new KafkaClientMetrics(advisoryConsumer));
            service.clientMetrics.get(service.clientMetrics.size() - 1).bindTo(meters);
            LOG.info("notifier reading {} advisory topic(s) for {} contact(s) as group {}", advisoryRoutes.size(),
                    reach.contactSpecs().size(), advisoryGroup(settings));
        }
        if (keeper != null) {
            keeper.start();
        }
        service.loopThread.start();
        if (service.advisoryThread != null) {
            service.advisoryThread.start();
        }
        LOG.info("notifier reading {} topic(s) for {} channel(s) as group {}", routes.size(), all.size(),
                settings.groupId());
        // the start-up log says who is paged when nobody acknowledges (tier 1 is every other channel)
        all.stream().filter(c -> c.tier() >= 2).forEach(c -> LOG.info("channel {} is escalation tier {} of {}: it "
                + "receives only that tier's pages (and advisories if it takes them)", c.id(), c.tier(), c.ceptoarId()));
        return service;
    }

    /**
     * The receipt, state and dead-letter topics; normally made by {@code ./anshin up} from {@link Topics#all()},
     * created here too so that a notifier pointed at a fresh cluster does not stall. Broker defaults where the
     * catalogue has no entry (tests use their own names).
     */
    private static void ensureOwnTopics(Map<String, Object> kafka, NotifierSettings settings, boolean alertmanager,
                                        String advisoryDeliveries) {
        Map<String, NewTopic> wanted = new HashMap<>();
        List<String> names = new ArrayList<>(List.of(settings.deliveriesTopic(), Topics.exercise(settings.deliveriesTopic()),
                settings.deadLetterTopic(), Topics.exercise(settings.deadLetterTopic()), settings.stateTopic()));
        if (alertmanager) {
            names.add(settings.alertsFiringTopic());
        }
        if (advisoryDeliveries != null) {
            names.add(advisoryDeliveries);
            names.add(Topics.exercise(advisoryDeliveries));
        }
        for (String name : names) {
            Optional<NewTopic> spec = Topics.all().stream().filter(t -> t.name().equals(name)).findFirst()
                    .map(t -> new NewTopic(name, Optional.of(t.partitions()), Optional.empty()).configs(t.configs()));
            Map<String, String> configs = name.equals(settings.stateTopic()) ? STATE_CONFIGS
                    : name.equals(settings.alertsFiringTopic()) ? FIRING_CONFIGS : Map.of();
            wanted.put(name, spec.orElseGet(() -> new NewTopic(name, Optional.of(Topics.NOTICE_PARTITIONS),
                    Optional.empty()).configs(configs)));
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

    private static void awaitCaughtUp(StateTopicTailer tailer, String topic) {
        try {
            tailer.awaitCaughtUp(STARTUP_CATCH_UP);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not read " + topic + " within " + STARTUP_CATCH_UP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + topic, e);
        }
    }

    /**
     * Registers the receipt schema before the first delivery, so that eight workers settling at once do
     * not race to register it; if the registry is down now, the first write registers it instead.
     */
    private static void preRegister(SchemaRegistry registry, NotifierSettings settings, AdvisoryTopics advisoryTopics) {
        for (String topic : List.of(settings.deliveriesTopic(), Topics.exercise(settings.deliveriesTopic()),
                advisoryTopics.deliveries(), Topics.exercise(advisoryTopics.deliveries()))) {
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

    /**
     * Its own producer, so a dead-letter topic that cannot be written (missing, unauthorized) never holds up
     * receipts: send() blocks at most 5 s for metadata and a record is given up after 10 s, then retried by
     * {@link DeadLetterWriter} a bounded number of times.
     */
    private static Map<String, Object> deadLetterProducerProps(Map<String, Object> kafka) {
        Map<String, Object> p = producerProps(kafka);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anshin-notifier-dead-letters");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }

    /**
     * Batched fetches unless --kafka-config says otherwise: the tailers learn what other instances settled, which
     * only matters when partitions move (and then {@code awaitCaughtUp} reads to the end offsets anyway), so they
     * need not wake the broker for every record; with the defaults each sent a fetch per delivery. This instance's
     * own outcomes are in its ledger before they are written.
     */
    static Map<String, Object> tailerProps(Map<String, Object> kafka) {
        Map<String, Object> p = BatchedReader.properties(Duration.ofMillis(500), kafka);
        // routing's notices are transactional, and so may the state topic's writers be one day: the ledger must
        // only learn deliveries that were committed, the same view as the notice consumer's
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "anshin-notifier-state");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    static Map<String, Object> consumerProps(Map<String, Object> kafka, NotifierSettings settings,
                                             Optional<String> instanceId) {
        Map<String, Object> p = new HashMap<>(kafka);
        // routing-service writes notices in exactly_once_v2 transactions: read_uncommitted would alert on a
        // notice of an aborted transaction (one that routing then writes again, or never)
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        instanceId.ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) MAX_POLL_INTERVAL.toMillis());
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

    /** The advisory consumer's group: the notice group's id + {@code -advisories} (anshin-notifier-advisories). */
    static String advisoryGroup(NotifierSettings settings) {
        return settings.groupId() + "-advisories";
    }

    /** Like the notice consumer (read_committed, manual commits), in a group of its own. */
    static Map<String, Object> advisoryConsumerProps(Map<String, Object> kafka, NotifierSettings settings,
                                                     Optional<String> instanceId) {
        Map<String, Object> p = consumerProps(kafka, settings, instanceId.map(id -> id + "-advisories"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, advisoryGroup(settings));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "anshin-notifier-advisories");
        return p;
    }

    /**
     * Ready when the poll loop and the state tailer run, the loop has its assignment, keeps polling and reads
     * the registry, and receipts are being written.
     */
    public boolean ready() {
        return health.alive() && loop.ready() && (advisoryLoop == null || advisoryLoop.ready())
                && System.currentTimeMillis() - sink.lastFailureMillis() > 30_000;
    }

    /** Completes when a thread of the job died: the caller ({@code NotifierMain}) ends the process non-zero. */
    public java.util.concurrent.CompletableFuture<Throwable> fatal() {
        return health.fatal();
    }

    /** Waits until the ledger holds every state record written so far (what an assignment waits for). */
    public void awaitStateCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        tailer.awaitCaughtUp(timeout);
    }

    public ServiceHealth health() {
        return health;
    }

    /** The Alertmanager keeper, if any channel is an Alertmanager. */
    public Optional<AlertKeeper> keeper() {
        return Optional.ofNullable(keeper);
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    /** Within {@link #SHUTDOWN_BUDGET}, whatever hangs: see there how it is shared. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + SHUTDOWN_BUDGET.toNanos();
        if (keeper != null) {
            keeper.close(); // no more re-posts: the alerts end at their endsAt unless the next owner re-posts them
        }
        loop.stop(DRAIN);
        if (advisoryLoop != null) {
            advisoryLoop.stop(DRAIN); // both loops drain at the same time, within the same budget
        }
        try {
            // drain (12 s at most) + commit (3 s) + consumer close (3 s)
            loopThread.join(left(deadline, Duration.ofSeconds(6)).toMillis() + 1);
            if (advisoryThread != null) {
                advisoryThread.join(left(deadline, Duration.ofSeconds(6)).toMillis() + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // sends in progress finish (each bounded by --send-timeout); past the budget, they are left to the restart
        Thread lanes = new Thread(dispatcher::close, "anshin-notifier-close-lanes");
        lanes.setDaemon(true);
        lanes.start();
        try {
            lanes.join(left(deadline, Duration.ofSeconds(4)).toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lanes.isAlive()) {
            LOG.warn("sends still in progress at the end of the shutdown budget; their notices are re-read on restart");
        }
        deadLetters.close();
        deadLetterProducer.close(Duration.ofMillis(500));
        try {
            tailer.close();
            if (firingTailer != null) {
                firingTailer.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // receipts and state records still buffered: the rest of the budget, at least 1 s
        producer.close(left(deadline, Duration.ZERO).plusSeconds(1));
        clientMetrics.forEach(KafkaClientMetrics::close);
    }

    /** Time left until {@code deadline} minus {@code reserve}, never negative. */
    private static Duration left(long deadline, Duration reserve) {
        long nanos = deadline - System.nanoTime() - reserve.toNanos();
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }
}
