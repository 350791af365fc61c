package org.anshin.testsupport;

import java.time.Duration;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.DockerImageName;

/**
 * The Docker variant of {@link Infra}: an {@code apache/kafka} container and an Apicurio Registry 2.x container
 * (in-memory storage, global compatibility FULL_TRANSITIVE). For machines with Docker only:
 *
 * <pre>{@code
 * @Testcontainers(disabledWithoutDocker = true)
 * class IngestSuiteOnDockerTest extends IngestSuite {
 *     @Container static final AnshinContainers containers = new AnshinContainers();
 *     @Override protected Infra infra() { return containers.infra(); }
 * }
 * }</pre>
 *
 * Images can be overridden with system properties {@code anshin.kafka.image} and {@code anshin.apicurio.image}.
 */
public final class AnshinContainers implements Startable {
    /** Apicurio 2.x publishes its in-memory variant as {@code apicurio-registry-mem}. */
    public static final String DEFAULT_APICURIO_IMAGE = "apicurio/apicurio-registry-mem:2.6.13.Final";

    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;
    private ContainerInfra infra;

    public AnshinContainers() {
        String kafkaImage = System.getProperty("anshin.kafka.image", "apache/kafka:" + AppInfoParser.getVersion());
        String apicurioImage = System.getProperty("anshin.apicurio.image", DEFAULT_APICURIO_IMAGE);
        kafka = new KafkaContainer(DockerImageName.parse(kafkaImage))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        registry = new GenericContainer<>(DockerImageName.parse(apicurioImage))
                .withExposedPorts(8080)
                .withEnv("REGISTRY_RULES_GLOBAL_COMPATIBILITY", "FULL_TRANSITIVE")
                .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    @Override
    public void start() {
        kafka.start();
        registry.start();
        infra = new ContainerInfra(kafka.getBootstrapServers(),
                "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + "/apis/ccompat/v7");
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.close();
        }
        registry.stop();
        kafka.stop();
    }

    /** The running containers as {@link Infra}; only after {@link #start()}. */
    public Infra infra() {
        if (infra == null) {
            throw new IllegalStateException("containers not started (annotate the field with @Container)");
        }
        return infra;
    }

    public KafkaContainer kafka() {
        return kafka;
    }

    public GenericContainer<?> registry() {
        return registry;
    }

    private static final class ContainerInfra extends AbstractInfra {
        private final String bootstrapServers;
        private final String registryUrl;

        ContainerInfra(String bootstrapServers, String registryUrl) {
            this.bootstrapServers = bootstrapServers;
            this.registryUrl = registryUrl;
        }

        @Override
        public String bootstrapServers() {
            return bootstrapServers;
        }

        @Override
        public String registryUrl() {
            return registryUrl;
        }
    }
}
