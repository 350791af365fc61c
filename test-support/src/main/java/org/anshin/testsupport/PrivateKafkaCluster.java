package org.anshin.testsupport;

import java.util.Map;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * A single-node KRaft cluster of one test's own, which it may stop and restart (for "Kafka is down" tests).
 * The broker keeps its port across {@link #shutdownBroker()} / {@link #startBroker()}.
 *
 * <pre>{@code
 * try (PrivateKafkaCluster kafka = PrivateKafkaCluster.start()) {
 *     kafka.shutdownBroker();   // clients now fail to connect
 *     kafka.startBroker();      // same bootstrapServers() again
 * }
 * }</pre>
 */
public final class PrivateKafkaCluster implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private boolean closed;

    private PrivateKafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /** Starts a cluster with {@link LocalInfra#SINGLE_NODE_BROKER_CONFIG}. */
    public static PrivateKafkaCluster start() {
        return start(Map.of());
    }

    /** Starts a cluster with {@link LocalInfra#SINGLE_NODE_BROKER_CONFIG} plus {@code brokerConfig}. */
    public static PrivateKafkaCluster start(Map<String, String> brokerConfig) {
        return new PrivateKafkaCluster(LocalInfra.startCluster(brokerConfig));
    }

    /**
     * A cluster of {@code brokers} brokers (the first also the KRaft controller), e.g. 3 with
     * {@code min.insync.replicas=2} and replication factor 3 to lose one broker without losing writes.
     */
    public static PrivateKafkaCluster start(int brokers, Map<String, String> brokerConfig) {
        return new PrivateKafkaCluster(LocalInfra.startCluster(brokers, brokerConfig));
    }

    /** Stops broker {@code id} (its listener closes; node 0's controller keeps running if it is broker 0). */
    public void shutdownBroker(int id) {
        BrokerServer broker = cluster.brokers().get(id);
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** The ids of the brokers. */
    public java.util.Set<Integer> brokerIds() {
        return cluster.brokers().keySet();
    }

    /** The bootstrap address; stays the same across broker restarts. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A new Admin client (caller closes it). */
    public Admin createAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Stops the broker side (its listener closes); the controller keeps running. */
    public void shutdownBroker() {
        BrokerServer broker = broker();
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Starts the broker again on the same port and waits until it is ready. */
    public void startBroker() {
        broker().startup();
        try {
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the restarted broker did not get ready: " + e, e);
        }
    }

    public KafkaClusterTestKit cluster() {
        return cluster;
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    /** Stops the cluster and deletes its data; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LocalInfra.closeQuietly(cluster);
        }
    }
}
