package org.anshin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class PrivateKafkaClusterTest {
    @Test
    void brokerCanBeStoppedAndStartedOnTheSamePort() throws Exception {
        try (PrivateKafkaCluster kafka = PrivateKafkaCluster.start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = kafka.createAdmin()) {
                admin.createTopics(List.of(new NewTopic("survives", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            kafka.shutdownBroker();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
                assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(1500))
                        .nodes().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            }
            kafka.startBroker();
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            try (Admin admin = kafka.createAdmin()) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("survives");
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        }
    }

    @Test
    void closesWithoutRestart() {
        PrivateKafkaCluster kafka = PrivateKafkaCluster.start();
        kafka.close();
        kafka.close();
        assertThat(Duration.ZERO).isZero();
    }
}
