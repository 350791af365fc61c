package org.anshin.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.anshin.devstack.ApicurioRegistry;
import org.anshin.testsupport.PrivateKafkaCluster;
import org.awaitility.Awaitility;

/**
 * The fault scenarios of {@code docs/RELIABILITY.md}, each on a broker and registry of its own: a steady flow
 * of reports through ingest, routing and the notifier (child JVMs) to a webhook receiver, one fault in the
 * middle of it, then a count of what reached the receiver. The tests run them short; {@link ChaosMain}
 * ({@code ./anshin chaos}) runs them longer.
 *
 * @param home       the repository root
 * @param work       a folder for this run
 * @param load       how long reports flow
 * @param perSecond  reports a second
 * @param faultAt    the second of the flow at which the fault happens
 */
public record Faults(Path home, Path work, Duration load, int perSecond, int faultAt, PrintStream out) {
    /** What happens at {@link #faultAt}; returns the milliseconds from a restart to readiness, or -1. */
    interface Fault {
        long inject(Env env) throws Exception;
    }

    /** What a fault can act on. */
    record Env(PrivateKafkaCluster kafka, ApicurioRegistry.Builder registryBuilder, ApicurioRegistry[] registry,
               Pipeline pipeline, Map<String, Pipeline.Instance> instances) {
    }

    public Tally routingKilled() throws Exception {
        return run("routing-service SIGKILLed and restarted", 1, 1, 1, env -> restart(env.instances().get("routing-1")));
    }

    public Tally notifierKilled() throws Exception {
        return run("notifier-service SIGKILLed and restarted", 1, 1, 1, env -> restart(env.instances().get("notifier-1")));
    }

    public Tally ingestKilled() throws Exception {
        return run("ingest-service SIGKILLed and restarted", 1, 1, 1, env -> restart(env.instances().get("ingest-1")));
    }

    public Tally brokerRestarted() throws Exception {
        return run("the broker stopped for 5 s and started again", 1, 1, 1, env -> {
            env.kafka().shutdownBroker();
            Thread.sleep(5_000); // the outage itself: what is measured is how the pipeline rides it
            env.kafka().startBroker();
            return -1;
        });
    }

    public Tally oneOfThreeBrokersLost() throws Exception {
        return run("one of 3 brokers lost (replication 3, min.insync.replicas 2)", 3, 1, 1, env -> {
            // a broker that is not the controller: the test kit's cluster has one controller, on node 0
            env.kafka().shutdownBroker(env.kafka().brokerIds().stream().max(Integer::compare).orElseThrow());
            return -1;
        });
    }

    public Tally oneOfTwoInstancesKilled() throws Exception {
        return run("1 of 2 routing and 1 of 2 notifier instances SIGKILLed (group rebalances)", 1, 2, 2, env -> {
            env.instances().get("routing-2").kill();
            env.instances().get("notifier-2").kill();
            return -1;
        });
    }

    public Tally registryOutage() throws Exception {
        return run("schema registry down for 30 s", 1, 1, 1, env -> {
            env.registry()[0].close();
            Thread.sleep(30_000); // the outage itself
            long t0 = System.nanoTime();
            env.registry()[0] = env.registryBuilder().start();
            return (System.nanoTime() - t0) / 1_000_000;
        });
    }

    private static long restart(Pipeline.Instance instance) {
        instance.kill();
        long t0 = System.nanoTime();
        instance.restart();
        instance.awaitReady(Duration.ofSeconds(120));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private Tally run(String scenario, int brokers, int routings, int notifiers, Fault fault) throws Exception {
        // a fresh folder per run: state left by an earlier run (against another cluster) must not leak into this one
        Path dir = work.resolve(slug(scenario));
        wipe(dir);
        Files.createDirectories(dir);
        Map<String, String> brokerConfig = brokers > 1
                ? Map.of("min.insync.replicas", "2", "default.replication.factor", "3",
                        "offsets.topic.replication.factor", "3", "transaction.state.log.replication.factor", "3",
                        "transaction.state.log.min.isr", "2")
                : Map.of();
        out.println("fault scenario: " + scenario);
        try (PrivateKafkaCluster kafka = PrivateKafkaCluster.start(brokers, brokerConfig);
             Receiver receiver = new Receiver()) {
            ApicurioRegistry.Builder registryBuilder = registryBuilder(dir);
            ApicurioRegistry[] registry = {registryBuilder.start()};
            try (Pipeline pipeline = new Pipeline(home, dir, kafka.bootstrapServers(), registry[0].ccompatUrl(), receiver,
                    (short) brokers)) {
                Map<String, Pipeline.Instance> instances = new java.util.LinkedHashMap<>();
                for (int r = 1; r <= routings; r++) {
                    instances.put("routing-" + r, pipeline.start(Pipeline.ROUTING, "routing-" + r));
                }
                for (int n = 1; n <= notifiers; n++) {
                    instances.put("notifier-" + n, pipeline.start(Pipeline.NOTIFIER, "notifier-" + n));
                }
                instances.put("ingest-1", pipeline.start(Pipeline.INGEST, "ingest-1"));
                for (Pipeline.Instance i : instances.values()) {
                    i.awaitReady(Duration.ofSeconds(180));
                }
                Env env = new Env(kafka, registryBuilder, registry, pipeline, instances);
                AtomicLong recovery = new AtomicLong(-1);
                java.util.concurrent.CompletableFuture<Void> injected = new java.util.concurrent.CompletableFuture<>();
                String runId = slug(scenario) + "-" + Long.toString(System.currentTimeMillis(), 36);
                try (ReportLoad load = new ReportLoad(pipeline::ingestUrl, runId)) {
                    // the fault runs beside the flow, which goes on meanwhile as operators' systems would
                    load.run(perSecond, this.load, second -> {
                        if (second == faultAt) {
                            new Thread(() -> {
                                try {
                                    recovery.set(fault.inject(env));
                                    injected.complete(null);
                                } catch (Exception e) {
                                    injected.completeExceptionally(e);
                                }
                            }, "fault").start();
                        }
                    });
                    injected.get(4, java.util.concurrent.TimeUnit.MINUTES);
                    load.awaitSenders(Duration.ofMinutes(4));
                    List<ReportLoad.Accepted> accepted = load.accepted();
                    try {
                        Awaitility.await("every accepted report at both webhooks").atMost(Duration.ofSeconds(120))
                                .pollInterval(Duration.ofMillis(500))
                                .until(() -> Tally.missing(accepted, receiver.deliveries()) == 0);
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        out.println("still missing after 120 s: " + Tally.missing(accepted, receiver.deliveries()));
                    }
                    // a moment for late duplicates to show before counting them
                    Thread.sleep(2_000);
                    Tally tally = Tally.of(scenario, accepted, receiver.deliveries(), load.retries(), recovery.get());
                    out.println(tally.row());
                    tally.examples().forEach(e -> out.println("  " + e));
                    return tally;
                }
            } finally {
                registry[0].close();
            }
        }
    }

    private ApicurioRegistry.Builder registryBuilder(Path dir) throws IOException {
        return registryBuilder(home, dir);
    }

    static ApicurioRegistry.Builder registryBuilder(Path home, Path dir) throws IOException {
        Path distribution = ApicurioRegistry.configuredDistributionDir().orElse(home.resolve("test-support/target/apicurio"));
        // file storage, as ./anshin up runs it: a restarted registry still knows the ids the records name
        return ApicurioRegistry.builder(distribution).port(org.anshin.devstack.Ports.freePort())
                .dataDir(dir.resolve("schema-registry")).logFile(dir.resolve("logs/schema-registry.log"));
    }

    private static void wipe(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static String slug(String scenario) {
        String s = scenario.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
