package org.anshin.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceArgsTest {
    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverDefaults() {
        ServiceArgs args = ServiceArgs.parse(new String[] {"--port", "9000", "--config=/etc/anshin"},
                Map.of("ANSHIN_PORT", "7000", "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092"));
        assertThat(args.port(8080)).isEqualTo(9000);
        assertThat(args.configDir()).isEqualTo(Path.of("/etc/anshin"));
        assertThat(args.bootstrapServers()).isEqualTo("kafka-1:9092");
        assertThat(args.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7");
    }

    @Test
    void kafkaConfigFileIsPassedThroughToClients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
        Map<String, Object> props = ServiceArgs.parse(new String[] {"--kafka-config", file.toString()}, Map.of())
                .kafkaClientProperties();
        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> ServiceArgs.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> ServiceArgs.parse(new String[] {"--port", "x"}, Map.of()).port(1))
                .hasMessageContaining("--port must be a number");
    }

    @Test
    void secretsComeFromTheOptionTheEnvironmentOrAFileAndErrorsNeverShowThem(@TempDir Path dir) throws Exception {
        assertThat(ServiceArgs.parse(new String[0], Map.of("ANSHIN_INTERNAL_TOKEN", "t0k3n")).secret("internal-token"))
                .contains("t0k3n");
        Path file = Files.writeString(dir.resolve("token"), "fr0m-file\n");
        assertThat(ServiceArgs.parse(new String[0], Map.of("ANSHIN_INTERNAL_TOKEN_FILE", file.toString()))
                .secret("internal-token")).contains("fr0m-file");
        assertThat(ServiceArgs.parse(new String[0], Map.of()).secret("internal-token")).isEmpty();
        assertThatThrownBy(() -> ServiceArgs.parse(new String[] {"--internal-token-file", dir.resolve("none").toString()},
                Map.of()).secret("internal-token")).hasMessageContaining("--internal-token-file");
    }

    @Test
    void theProfileIsProductionUnlessSaidOtherwise() {
        assertThat(ServiceArgs.parse(new String[0], Map.of()).localProfile()).isFalse();
        assertThat(ServiceArgs.parse(new String[0], Map.of("ANSHIN_PROFILE", "local")).localProfile()).isTrue();
        assertThatThrownBy(() -> ServiceArgs.parse(new String[] {"--profile", "dev"}, Map.of()).localProfile())
                .hasMessageContaining("--profile must be local or production");
        assertThat(ServiceArgs.parse(new String[0], Map.of()).bindAddress()).isEqualTo("127.0.0.1");
    }
}
