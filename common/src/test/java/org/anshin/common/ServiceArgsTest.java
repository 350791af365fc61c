package org.anshin.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.anshin.common.cli.Cli;
import org.anshin.common.cli.EnvDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ServiceArgsTest {
    @Command(name = "some-service", sortOptions = true, showDefaultValues = true)
    static final class SomeService {
        @Mixin
        ServiceArgs shared = new ServiceArgs(8089);
    }

    private static ServiceArgs parse(Map<String, String> env, String... argv) {
        return Cli.parse(new SomeService(), argv, env).shared;
    }

    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverDefaults() {
        ServiceArgs args = parse(Map.of("ANSHIN_PORT", "7000", "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092",
                "ANSHIN_CONFIG_DIR", "/from/env"), "--port", "9000", "--config=/etc/anshin");
        assertThat(args.port(1)).isEqualTo(9000);
        assertThat(args.configDir()).isEqualTo(Path.of("/etc/anshin"));
        assertThat(args.bootstrapServers()).isEqualTo("kafka-1:9092");
        assertThat(args.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7");
    }

    @Test
    void theEnvironmentFallsBackToTheServiceDefaultAndBlankVariablesCountAsUnset() {
        assertThat(parse(Map.of()).port(1)).as("the port the service constructed the mixin with").isEqualTo(8089);
        assertThat(parse(Map.of("ANSHIN_PORT", "7000")).port(1)).isEqualTo(7000);
        assertThat(parse(Map.of("ANSHIN_INSTANCE_ID", " ", "ANSHIN_BIND_ADDRESS", "")).instanceId()).isEmpty();
        assertThat(parse(Map.of("ANSHIN_BIND_ADDRESS", "")).bindAddress()).isEqualTo("127.0.0.1");
        assertThat(ServiceArgs.parse(new String[0], Map.of()).port(8080)).as("no service default: the caller's")
                .isEqualTo(8080);
        assertThat(parse(Map.of()).stateDir("routing")).isEqualTo(Path.of("var/routing"));
    }

    /** Container images and docker/compose set these: renaming one breaks a deployment. */
    @Test
    void theEnvironmentVariablesKeepTheirNamesAndEachSetsItsOption() {
        Map<String, String> variables = new TreeMap<>();
        Cli.documented(Cli.commandLine(new SomeService(), Map.of()).getCommandSpec()).forEach(o ->
                EnvDefault.of(o).ifPresent(e -> variables.put(o.longestName(), e.variable())));
        assertThat(variables).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("--config", "ANSHIN_CONFIG_DIR"), Map.entry("--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS"),
                Map.entry("--schema-registry-url", "SCHEMA_REGISTRY_URL"), Map.entry("--port", "ANSHIN_PORT"),
                Map.entry("--state-dir", "ANSHIN_STATE_DIR"), Map.entry("--kafka-config", "ANSHIN_KAFKA_CONFIG"),
                Map.entry("--advertised-host", "ANSHIN_ADVERTISED_HOST"), Map.entry("--bind-address", "ANSHIN_BIND_ADDRESS"),
                Map.entry("--instance-id", "ANSHIN_INSTANCE_ID"), Map.entry("--routing-url", "ANSHIN_ROUTING_URL"),
                Map.entry("--internal-token", "ANSHIN_INTERNAL_TOKEN"),
                Map.entry("--internal-token-file", "ANSHIN_INTERNAL_TOKEN_FILE"),
                Map.entry("--pseudonym-key", "ANSHIN_PSEUDONYM_KEY"), Map.entry("--pseudonym-key-file", "ANSHIN_PSEUDONYM_KEY_FILE"),
                Map.entry("--profile", "ANSHIN_PROFILE"), Map.entry("--allow-demo-tokens", "ANSHIN_ALLOW_DEMO_TOKENS"))));
        ServiceArgs a = parse(Map.ofEntries(Map.entry("ANSHIN_CONFIG_DIR", "/c"),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "k:1"), Map.entry("SCHEMA_REGISTRY_URL", "http://r"),
                Map.entry("ANSHIN_STATE_DIR", "/s"), Map.entry("ANSHIN_ADVERTISED_HOST", "h1"),
                Map.entry("ANSHIN_BIND_ADDRESS", "0.0.0.0"), Map.entry("ANSHIN_INSTANCE_ID", "i-1"),
                Map.entry("ANSHIN_ROUTING_URL", "http://routing:8082"), Map.entry("ANSHIN_INTERNAL_TOKEN", "t0k3n"),
                Map.entry("ANSHIN_PSEUDONYM_KEY", "k3y"), Map.entry("ANSHIN_PROFILE", "local"),
                Map.entry("ANSHIN_ALLOW_DEMO_TOKENS", "true")));
        assertThat(a.configDir()).isEqualTo(Path.of("/c"));
        assertThat(a.bootstrapServers()).isEqualTo("k:1");
        assertThat(a.schemaRegistryUrl()).isEqualTo("http://r");
        assertThat(a.stateDir("routing")).isEqualTo(Path.of("/s"));
        assertThat(a.advertisedHost()).isEqualTo("h1");
        assertThat(a.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(a.instanceId()).contains("i-1");
        assertThat(a.routingUrl()).isEqualTo("http://routing:8082");
        assertThat(a.internalToken()).contains("t0k3n");
        assertThat(a.pseudonymKey()).contains("k3y");
        assertThat(a.localProfile()).isTrue();
        assertThat(a.allowDemoTokens()).isTrue();
    }

    @Test
    void kafkaConfigFileIsPassedThroughToClients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
        Map<String, Object> props = parse(Map.of(), "--kafka-config", file.toString()).kafkaClientProperties();
        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092");
        assertThatThrownBy(() -> parse(Map.of(), "--kafka-config", dir.resolve("none").toString()).kafkaClientProperties())
                .hasMessageStartingWith("Invalid value for option '--kafka-config': cannot read");
    }

    @Test
    void wrongValuesAndUnknownOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse(Map.of(), "--port")).isInstanceOf(Cli.UsageError.class)
                .hasMessageContaining("Missing required parameter for option '--port'");
        assertThatThrownBy(() -> parse(Map.of(), "--port", "x")).isInstanceOf(Cli.UsageError.class)
                .hasMessageContaining("Invalid value for option '--port': 'x' is not an int");
        assertThatThrownBy(() -> parse(Map.of("ANSHIN_PORT", "eighty")))
                .hasMessageContaining("Invalid value for option '--port'");
        assertThatThrownBy(() -> parse(Map.of(), "--port", "70000").port(1))
                .hasMessage("Invalid value for option '--port': must be 0..65535, got 70000");
        assertThatThrownBy(() -> parse(Map.of(), "--profile", "dev"))
                .hasMessageContaining("Invalid value for option '--profile'").hasMessageContaining("local, production");
        assertThatThrownBy(() -> parse(Map.of(), "--allow-demo-tokens", "yes"))
                .hasMessageContaining("Invalid value for option '--allow-demo-tokens'");
        assertThatThrownBy(() -> parse(Map.of(), "--instance-id", "a b").instanceId())
                .hasMessageStartingWith("Invalid value for option '--instance-id'");
        assertThatThrownBy(() -> parse(Map.of(), "--no-such-option", "1")).isInstanceOf(Cli.UsageError.class)
                .hasMessage("Unknown option: '--no-such-option'; 1 unexpected argument (not shown)");
    }

    @Test
    void aMistypedSecretOptionDoesNotPutTheSecretInTheMessage() {
        assertThatThrownBy(() -> parse(Map.of(), "--internal-tokn=s3cr3t-value-0123456789"))
                .hasMessage("Unknown option: '--internal-tokn'")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aRepeatedOptionOverridesTheEarlierOne() {
        assertThat(parse(Map.of(), "--port", "1", "--port", "2").port(0)).isEqualTo(2);
    }

    @Test
    void secretsComeFromTheValueOrAFileAndErrorsNameTheFileNotTheValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  from-file-secret\n");
        assertThat(parse(Map.of("ANSHIN_INTERNAL_TOKEN", "t0k3n")).internalToken()).contains("t0k3n");
        assertThat(parse(Map.of("ANSHIN_INTERNAL_TOKEN_FILE", file.toString())).internalToken())
                .contains("from-file-secret");
        assertThat(parse(Map.of(), "--pseudonym-key-file", file.toString()).pseudonymKey()).contains("from-file-secret");
        assertThat(parse(Map.of("ANSHIN_INTERNAL_TOKEN_FILE", file.toString()), "--internal-token", "direct")
                .internalToken()).as("the value wins over the file").contains("direct");
        assertThat(parse(Map.of()).internalToken()).isEmpty();
        assertThatThrownBy(() -> parse(Map.of(), "--internal-token-file", dir.resolve("none").toString()).internalToken())
                .hasMessageContaining("--internal-token-file").hasMessageContaining("none");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> parse(Map.of(), "--internal-token-file", empty.toString()).internalToken())
                .hasMessageContaining("is empty");
    }

    @Test
    void profileDefaultsToProduction() {
        assertThat(parse(Map.of()).localProfile()).isFalse();
        assertThat(parse(Map.of("ANSHIN_PROFILE", "local")).localProfile()).isTrue();
        assertThat(parse(Map.of()).bindAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void helpListsEachOptionWithItsDefaultAndVariableButNeverASecret() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(Cli.parse(new SomeService(), new String[] {"--help"},
                Map.of("ANSHIN_INTERNAL_TOKEN", "s3cr3t-token-value", "ANSHIN_PSEUDONYM_KEY", "s3cr3t-key-value"), out))
                .as("help: nothing to run").isEmpty();
        String help = bytes.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: some-service")
                .contains("--port=N").contains("Default: 8089").contains("Env: ANSHIN_PORT")
                .contains("--bootstrap-servers=H:P,...").contains("Default: 127.0.0.1:9092")
                .contains("--internal-token=T").contains("Env: ANSHIN_INTERNAL_TOKEN")
                .containsPattern("(?s)--allow-demo-tokens=true\\|false[^-]*?Default: false\\s+Env: ANSHIN_ALLOW_DEMO_TOKENS")
                .doesNotContain("s3cr3t").doesNotContain("_NULL_");
    }
}
