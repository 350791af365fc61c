package org.anshin.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real broker as a child JVM twice on the same data directory. */
class KafkaBrokerTest {
    @TempDir
    Path dir;

    @Test
    void startsFormatsOnceKeepsTopicsAcrossRestartsAndLeavesNoProcess() throws Exception {
        Path data = dir.resolve("kafka");
        long pid;
        try (KafkaBroker broker = KafkaBroker.builder(data).start()) {
            pid = broker.pid();
            assertThat(Files.exists(data.resolve("logs/meta.properties"))).isTrue();
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        String meta = Files.readString(data.resolve("logs/meta.properties"));

        try (KafkaBroker broker = KafkaBroker.builder(data).start()) {
            assertThat(Files.readString(data.resolve("logs/meta.properties"))).isEqualTo(meta);
            try (Admin admin = admin(broker)) {
                Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(names).contains("kept");
            }
            pid = broker.pid();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
