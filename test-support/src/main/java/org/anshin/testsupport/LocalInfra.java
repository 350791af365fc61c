package org.anshin.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.anshin.devstack.ApicurioRegistry;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process infrastructure: a KRaft broker+controller ({@link KafkaClusterTestKit}) in this JVM and an
 * Apicurio Registry child process. Made once per test JVM by {@link AnshinInfraExtension}.
 */
public final class LocalInfra extends AbstractInfra implements ExtensionContext.Store.CloseableResource {
    private static final Logger log = LoggerFactory.getLogger(LocalInfra.class);

    /** Broker settings for a single node on which transactions and Kafka Streams exactly_once_v2 work. */
    public static final Map<String, String> SINGLE_NODE_BROKER_CONFIG = Map.ofEntries(
            Map.entry("unstable.feature.versions.enable", "false"),
            Map.entry("unstable.api.versions.enable", "false"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("num.partitions", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("auto.create.topics.enable", "true"));

    private final KafkaClusterTestKit cluster;
    private final ApicurioRegistry registry;
    private volatile boolean closed;

    private LocalInfra(KafkaClusterTestKit cluster, ApicurioRegistry registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    /** Starts the broker and the registry in parallel. */
    public static LocalInfra start() {
        Path apicurioDir = apicurioDir();
        long t0 = System.nanoTime();
        CompletableFuture<ApicurioRegistry> registry = CompletableFuture.supplyAsync(() -> ApicurioRegistry
                .builder(apicurioDir)
                .port(0)
                .logFile(Path.of("target", "apicurio-registry-" + ProcessHandle.current().pid() + ".log"))
                .start());
        KafkaClusterTestKit cluster;
        try {
            cluster = startCluster(Map.of());
        } catch (RuntimeException e) {
            registry.thenAccept(ApicurioRegistry::close);
            throw e;
        }
        try {
            LocalInfra infra = new LocalInfra(cluster, registry.join());
            log.info("test infrastructure up in {} ms: Kafka {} , registry {}", (System.nanoTime() - t0) / 1_000_000,
                    infra.bootstrapServers(), infra.registryUrl());
            return infra;
        } catch (CompletionException e) {
            closeQuietly(cluster);
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * The unpacked Apicurio distribution named by system property {@code anshin.apicurio.dir} (set by the root
     * pom's surefire configuration).
     */
    public static Path apicurioDir() {
        Path dir = ApicurioRegistry.configuredDistributionDir().orElseThrow(() -> new IllegalStateException(
                "system property anshin.apicurio.dir is not set: run tests through Maven (the root pom sets it to"
                        + " test-support/target/apicurio), or pass -Danshin.apicurio.dir=<repo>/test-support/target/apicurio"
                        + " after `mvn -q -B install -DskipTests -pl devstack,test-support`"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the Apicurio Registry distribution is missing at " + dir
                    + " (system property anshin.apicurio.dir): build it with"
                    + " `mvn -q -B install -DskipTests -pl devstack,test-support` from the repository root");
        }
        ApicurioRegistry.findRunnerJar(dir);
        return dir;
    }

    /** A started single-node combined KRaft cluster with {@link #SINGLE_NODE_BROKER_CONFIG} plus {@code extra}. */
    static KafkaClusterTestKit startCluster(Map<String, String> extra) {
        return startCluster(1, extra);
    }

    /**
     * {@code brokers} brokers, the first of them also the one KRaft controller (a three-voter quorum of the test
     * kit's combined nodes fails on this machine with "unexpected invalid request" in the raft I/O thread), with
     * the single-node settings, then {@code extra}.
     */
    static KafkaClusterTestKit startCluster(int brokers, Map<String, String> extra) {
        KafkaClusterTestKit cluster = null;
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1)
                    // what a released broker runs, not the test kit's unstable latest
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build());
            SINGLE_NODE_BROKER_CONFIG.forEach(builder::setConfigProp);
            extra.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            if (cluster != null) {
                closeQuietly(cluster);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not start the in-process Kafka cluster: " + e, e);
        }
    }

    static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("closing the Kafka test cluster failed: {}", e.toString());
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registry.ccompatUrl();
    }

    /** The registry process (for tests of the registry itself). */
    public ApicurioRegistry registry() {
        return registry;
    }

    /** The in-process cluster; do not stop it (use {@link PrivateKafkaCluster} for that). */
    public KafkaClusterTestKit cluster() {
        return cluster;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        super.close();
        try {
            registry.close();
        } finally {
            closeQuietly(cluster);
        }
    }
}
