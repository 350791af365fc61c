package org.anshin.routing.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.RoutingStreamsConfig;
import org.anshin.routing.topology.Fixture;
import org.anshin.routing.topology.RoutingTopology;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.LocalInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Benchmark, not a test: reports/s through the real topology beside a pass-through topology on the
 * same broker in the same run, and report-to-notice latency p50/p99 at a paced 100 reports/s, with the
 * production commit interval. Run with
 * {@code java -cp ... org.anshin.routing.bench.RoutingBench [bootstrap registryUrl]}; without arguments
 * it starts the test-support in-process broker and registry.
 *
 * <p>The pass-through is the fair ceiling: the same Streams properties as production (exactly_once_v2,
 * commit interval, producer settings, exception handlers), the same 4-partition input and one stream
 * thread, and the same serdes: it decodes each report with the registry Avro serde (wire-format
 * check, writer schema by id, Avro decode) and encodes it again to its output topic (cached schema id,
 * Avro encode). It only leaves out what routing adds: the three changelogged stores and the notices.
 * Rounds alternate pass-through and routing so JIT warm-up and broker state favour neither;
 * {@code -Dbench.rounds=N} (default 2), {@code -Dbench.latency=false} skips the latency phase.
 */
public final class RoutingBench {
    /** What one run measured. */
    public record Figures(int reports, double routingPerSecond, double passThroughPerSecond, double p50Ms,
                          double p99Ms, long commitIntervalMs) {
    }

    private static final int THROUGHPUT_REPORTS = Integer.getInteger("bench.reports", 20_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    private static final int MEASURED_ROUNDS = ROUNDS == 1 ? 1 : ROUNDS - 1;
    private static final boolean LATENCY = Boolean.parseBoolean(System.getProperty("bench.latency", "true"));
    private static final int LATENCY_RATE = 100;
    private static final int LATENCY_SECONDS = 20;

    private RoutingBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2) {
            run(args[0], args[1], System.out);
            return;
        }
        try (LocalInfra infra = LocalInfra.start()) {
            run(infra.bootstrapServers(), infra.registryUrl(), System.out);
        }
    }

    public static Figures run(String bootstrap, String registryUrl, PrintStream out) throws Exception {
        var registry = new RestSchemaRegistryClient(registryUrl);
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        RoutingConfig config = benchConfig(prefix);
        String passOut = prefix + "passthrough";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = benchTopics(config, prefix, passOut);
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        try {
            return measure(bootstrap, registry, config, prefix, passOut, out);
        } finally {
            deleteTopics(bootstrap, prefix, out);
        }
    }

    /**
     * Deletes every topic of this run (its catalog and the changelogs and repartition topics of its application
     * ids, all named after the prefix). On a shared broker they would otherwise stay for the phases after this
     * one: hundreds of partitions and 100,000s of records whose checkpoints, retention checks and page cache
     * those phases would pay for, and which were never part of what they measure.
     */
    static void deleteTopics(String bootstrap, String prefix, PrintStream out) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> ours = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(prefix)).toList();
            admin.deleteTopics(ours).all().get(120, TimeUnit.SECONDS);
            out.println("deleted the " + ours.size() + " topics of this run (" + prefix + "*)");
        } catch (ExecutionException | TimeoutException e) {
            out.println("could not delete this run's topics (" + prefix + "*): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Figures measure(String bootstrap, RestSchemaRegistryClient registry, RoutingConfig config,
                                   String prefix, String passOut, PrintStream out) throws Exception {
        produce(bootstrap, registry, config, THROUGHPUT_REPORTS, 0);
        var reportSerde = ConfluentAvroSerde.forValue(IncidentReport.class, registry, true);
        // a Topology is built per KafkaStreams instance: an instance binds the stores' changelog names to its
        // application.id, so a reused Topology with stores never gets its input (seen as "routing 0 /s")
        Supplier<Topology> pass = () -> new Topology()
                .addSource("in", Serdes.String().deserializer(), reportSerde.deserializer(), config.reportsTopic())
                .addSink("out", passOut, Serdes.String().serializer(), reportSerde.serializer(), "in");
        Supplier<Topology> routing = () -> RoutingTopology.buildTopology(config, registry, true,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        String nisc = config.noticeTopic(Topics.NISC_RECIPIENT, false);
        double passRate = 0;
        double routeRate = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            double p = drainRate(bootstrap, config, pass, passOut, THROUGHPUT_REPORTS, prefix + "pass" + round);
            double r = drainRate(bootstrap, config, routing, nisc, THROUGHPUT_REPORTS, prefix + "route" + round);
            // with several rounds the first one warms the JIT up and is left out of the mean
            boolean counted = ROUNDS == 1 || round > 1;
            out.printf("round %d: pass-through %.0f /s, routing %.0f /s%s%n", round, p, r, counted ? "" : " (warm-up)");
            if (counted) {
                passRate += p / MEASURED_ROUNDS;
                routeRate += r / MEASURED_ROUNDS;
            }
        }
        double[] lat = LATENCY ? latency(bootstrap, registry, config, routing, nisc, prefix + "latency")
                : new double[] {Double.NaN, Double.NaN};
        Figures f = new Figures(THROUGHPUT_REPORTS, routeRate, passRate, lat[0], lat[1],
                RoutingStreamsConfig.DEFAULT_COMMIT_INTERVAL.toMillis());
        out.printf("%n| measure | value |%n|---|---|%n");
        out.printf("| reports through routing topology (EOS, %s stream thread(s), 4 partitions, mean of %d warm rounds) | %.0f /s |%n",
                System.getProperty("bench.threads", "default"), MEASURED_ROUNDS, f.routingPerSecond());
        out.printf("| pass-through topology, same broker, settings and Avro serdes (ceiling) | %.0f /s |%n", f.passThroughPerSecond());
        out.printf("| routing / pass-through | %.0f %% |%n", 100 * f.routingPerSecond() / f.passThroughPerSecond());
        out.printf("| report-to-notice p50 at %d reports/s | %.1f ms |%n", LATENCY_RATE, f.p50Ms());
        out.printf("| report-to-notice p99 at %d reports/s | %.1f ms |%n", LATENCY_RATE, f.p99Ms());
        out.printf("| commit.interval.ms | %d |%n", f.commitIntervalMs());
        return f;
    }

    /**
     * Every topic the topology reads or writes, on the bench's prefix: the reports and notice topics the bench
     * measures with the partitions it always used, then the rest of the catalog as declared (a topic the topology
     * reads and nobody created stops it: "missing source topics").
     */
    static List<NewTopic> benchTopics(RoutingConfig config, String prefix, String passOut) {
        Map<String, NewTopic> topics = new java.util.LinkedHashMap<>();
        java.util.function.Consumer<NewTopic> add = t -> topics.putIfAbsent(t.name(), t);
        add.accept(new NewTopic(config.reportsTopic(), 4, (short) 1));
        add.accept(new NewTopic(config.exerciseReportsTopic(), 4, (short) 1));
        add.accept(new NewTopic(passOut, 1, (short) 1));
        add.accept(new NewTopic(config.deadLetterTopic(false), 1, (short) 1));
        for (String r : config.topicByRecipient().keySet()) {
            add.accept(new NewTopic(config.noticeTopic(r, false), 1, (short) 1));
        }
        for (org.anshin.schemas.TopicSpec t : Topics.all(List.copyOf(config.topicByRecipient().keySet()), (short) 1)) {
            add.accept(new NewTopic(prefix + t.name(), t.partitions(), (short) 1).configs(t.configs()));
        }
        return List.copyOf(topics.values());
    }

    /** The shipped configuration on prefixed topics, with the pseudonym key routing refuses to start without. */
    static RoutingConfig benchConfig(String prefix) {
        return RoutingConfig.from(Fixture.ANSHIN, prefix)
                .withPseudonyms(org.anshin.routing.fanout.Pseudonyms.fromKey(Fixture.PSEUDONYM_KEY));
    }

    private static void produce(String bootstrap, RestSchemaRegistryClient registry, RoutingConfig config, int n,
                                int offset) {
        try (var producer = producer(bootstrap, registry)) {
            for (int i = 0; i < n; i++) {
                IncidentReport r = Fixture.report("bench-" + (i + offset), "gas").impact("affectedHouseholds", 40).build();
                producer.send(new ProducerRecord<>(config.reportsTopic(), r.getIncidentId().toString(), r));
            }
        }
    }

    private static KafkaProducer<String, IncidentReport> producer(String bootstrap, RestSchemaRegistryClient registry) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(p, new StringSerializer(),
                ConfluentAvroSerde.forValue(IncidentReport.class, registry, true).serializer());
    }

    private static KafkaStreams start(String bootstrap, RoutingConfig config, Topology topology, String appId)
            throws Exception {
        Properties props = new Properties();
        props.putAll(RoutingStreamsConfig.properties(appId, bootstrap, config,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Map.of(
                StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("routing-bench").toString(),
                StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArray().getClass(),
                StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArray().getClass())));
        // -Dbench.producer.<key>=<value> overrides a producer setting for both topologies (to compare batching)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.producer."))
                .forEach(k -> props.put(StreamsConfig.producerPrefix(k.substring("bench.producer.".length())),
                        System.getProperty(k)));
        if (System.getProperty("bench.threads") != null) { // to compare thread counts; both topologies alike
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.getInteger("bench.threads"));
        }
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        return streams;
    }

    /**
     * Records/s between the first and the last committed output record (start-up excluded). The
     * consumer is positioned at the output's end before the application starts, so earlier rounds'
     * records do not count.
     */
    private static double drainRate(String bootstrap, RoutingConfig config, Supplier<Topology> topology, String outTopic,
                                    int expected, String appId) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, outTopic)) {
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            try (KafkaStreams streams = start(bootstrap, config, topology.get(), appId)) {
                // Steady-state rate: the slope between 20 % and 80 % of the expected output. Start-up (rebalance,
                // restore) and the tail are left out for both topologies alike, and under exactly-once output
                // becomes visible once per commit, so the window must span many commits (use enough reports).
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                long at20 = 0;
                long at80 = 0;
                int seen20 = 0;
                int seen80 = 0;
                int seen = 0;
                while (seen < expected && System.nanoTime() < deadline) {
                    int n = consumer.poll(Duration.ofMillis(100)).count();
                    if (n > 0) {
                        seen += n;
                        long now = System.nanoTime();
                        if (at20 == 0 && seen >= expected * 0.2) {
                            at20 = now;
                            seen20 = seen;
                        }
                        if (at80 == 0 && seen >= expected * 0.8) {
                            at80 = now;
                            seen80 = seen;
                        }
                    }
                }
                streams.close(Duration.ofSeconds(30));
                if (at80 <= at20) {
                    throw new IllegalStateException("too few commits between 20 % and 80 % of the output to measure a"
                            + " rate: raise -Dbench.reports (saw " + seen + " of " + expected + ")");
                }
                return (seen80 - seen20) / ((at80 - at20) / 1e9);
            }
        }
    }

    /** Paced 100 reports/s; latency = committed notice seen by a read_committed consumer minus send time. */
    private static double[] latency(String bootstrap, RestSchemaRegistryClient registry, RoutingConfig config,
                                    Supplier<Topology> topology, String nisc, String appId) throws Exception {
        int n = LATENCY_RATE * LATENCY_SECONDS;
        Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        List<Double> latencies = new ArrayList<>();
        try (KafkaStreams streams = start(bootstrap, config, topology.get(), appId);
             KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, nisc);
             var producer = producer(bootstrap, registry)) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < until) {
                Thread.sleep(50); // bench only: waiting for the app before pacing starts
            }
            consumer.poll(Duration.ofMillis(500)); // skip the throughput phase's notices (seekToEnd below)
            consumer.seekToEnd(consumer.assignment());
            Thread sender = new Thread(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long due = start + i * (1_000_000_000L / LATENCY_RATE);
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    IncidentReport r = Fixture.report("lat-" + i, "gas").impact("affectedHouseholds", 40).build();
                    sentAt.put(r.getIncidentId().toString(), System.nanoTime());
                    producer.send(new ProducerRecord<>(config.reportsTopic(), r.getIncidentId().toString(), r));
                }
            }, "bench-sender");
            sender.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LATENCY_SECONDS + 60);
            StringDeserializer keys = new StringDeserializer();
            while (latencies.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    Long sent = sentAt.get(keys.deserialize(r.topic(), r.key()));
                    if (sent != null) {
                        latencies.add((System.nanoTime() - sent) / 1e6);
                    }
                }
            }
            sender.join();
            streams.close(Duration.ofSeconds(30));
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)]};
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.assign(List.of(new TopicPartition(topic, 0)));
        c.seekToBeginning(c.assignment());
        return c;
    }

}
