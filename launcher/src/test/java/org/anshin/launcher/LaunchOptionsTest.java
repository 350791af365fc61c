package org.anshin.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
    private static final Path HOME = Path.of("/repo");
    private static final Path CWD = Path.of("/somewhere/else");

    @Test
    void defaults() {
        LaunchOptions o = LaunchOptions.parse(List.of("up"), HOME, CWD);
        assertThat(o.command()).isEqualTo("up");
        assertThat(o.fresh()).isFalse();
        assertThat(o.configDir()).isEqualTo(Path.of("/repo/config"));
        assertThat(o.varDir()).isEqualTo(Path.of("/repo/var"));
        assertThat(o.kafkaDataDir()).isEqualTo(Path.of("/repo/var/kafka"));
        assertThat(o.logDir()).isEqualTo(Path.of("/repo/var/logs"));
        assertThat(o.kafkaPort()).isEqualTo(9092);
        assertThat(o.controllerPort()).isEqualTo(9093);
        assertThat(o.registryPort()).isEqualTo(8081);
        assertThat(o.services()).isTrue();
        assertThat(o.readyTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void freshAndConfigRelativeToWorkingDirectory() {
        LaunchOptions o = LaunchOptions.parse(List.of("up", "--fresh", "--config", "my-config"), HOME, CWD);
        assertThat(o.fresh()).isTrue();
        assertThat(o.configDir()).isEqualTo(Path.of("/somewhere/else/my-config"));
        assertThat(LaunchOptions.parse(List.of("up", "--config=/abs/cfg"), HOME, CWD).configDir())
                .isEqualTo(Path.of("/abs/cfg"));
    }

    @Test
    void testOptions() {
        LaunchOptions o = LaunchOptions.parse(List.of("up", "--var", "/tmp/v", "--kafka-port", "19092",
                "--controller-port=19093", "--registry-port", "18081", "--no-services", "--timeout", "30"), HOME, CWD);
        assertThat(o.varDir()).isEqualTo(Path.of("/tmp/v"));
        assertThat(o.kafkaPort()).isEqualTo(19092);
        assertThat(o.controllerPort()).isEqualTo(19093);
        assertThat(o.registryPort()).isEqualTo(18081);
        assertThat(o.services()).isFalse();
        assertThat(o.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void errorsNameTheOption() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of(), HOME, CWD)).isInstanceOf(UsageException.class)
                .hasMessage("no command given");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("down"), HOME, CWD))
                .hasMessage("unknown command 'down' (the commands: ./anshin --help)")
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("up", "--frsh"), HOME, CWD))
                .hasMessage("Unknown option: '--frsh'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("up", "--config"), HOME, CWD))
                .hasMessageContaining("Missing required parameter for option '--config'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("up", "--kafka-port", "x"), HOME, CWD))
                .hasMessage("Invalid value for option '--kafka-port': 'x' is not an int");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("up", "--kafka-port", "70000"), HOME, CWD))
                .hasMessage("Invalid value for option '--kafka-port': must be a TCP port (1-65535), got 70000");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("demo"), HOME, CWD))
                .hasMessageContaining("run by the ./anshin script");
    }

    @Test
    void serviceJvmOptionsAreAppendedAfterTheLaunchersOwnAndStrayWordsRefused() {
        LaunchOptions o = LaunchOptions.parse(List.of("up", "--service-jvm-options", " -XX:TieredStopAtLevel=1  -Xmx384m "),
                HOME, CWD);
        assertThat(o.serviceJvmOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-Xmx384m");
        // HotSpot takes the last -Xmx: the user's must come after the launcher's -Xmx256m
        assertThat(o.serviceJvmArgs()).startsWith(Stack.SERVICE_JVM_ARGS.toArray(String[]::new))
                .endsWith("-XX:TieredStopAtLevel=1", "-Xmx384m");
        assertThat(LaunchOptions.parse(List.of("up"), HOME, CWD).serviceJvmArgs()).isEqualTo(Stack.SERVICE_JVM_ARGS);
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("up", "--service-jvm-options", "-Xss1m 512m"), HOME, CWD))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("Invalid value for option '--service-jvm-options': '512m' is not a JVM option");
    }

    /** The environment variable the docs name really reaches the services (it was once resolved against no environment). */
    @Test
    void serviceJvmOptionsComeFromTheEnvironmentUnlessTheCommandLineGivesThem() {
        Map<String, String> env = Map.of("ANSHIN_SERVICE_JVM_OPTIONS", "-XX:TieredStopAtLevel=1");
        assertThat(LaunchOptions.parse(List.of("up"), HOME, CWD, env).serviceJvmOptions())
                .containsExactly("-XX:TieredStopAtLevel=1");
        // the bench passes group options (--var, ports) and must still see the variable
        assertThat(LaunchOptions.parse(List.of("up", "--var", "/tmp/v", "--kafka-port", "19092"), HOME, CWD, env)
                .serviceJvmArgs()).endsWith("-XX:TieredStopAtLevel=1");
        assertThat(LaunchOptions.parse(List.of("up", "--service-jvm-options", "-Xmx384m"), HOME, CWD, env)
                .serviceJvmOptions()).containsExactly("-Xmx384m");
        assertThat(LaunchOptions.parse(List.of("up"), HOME, CWD,
                Map.of("ANSHIN_SERVICE_JVM_OPTIONS", "  ")).serviceJvmOptions()).isEmpty();
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("up"), HOME, CWD,
                Map.of("ANSHIN_SERVICE_JVM_OPTIONS", "-Xss1m 512m")))
                .isInstanceOf(UsageException.class).hasMessageContaining("'512m' is not a JVM option");
    }

    /** docs/CONFIGURATION.md's launcher-up block is {@code up}'s options ({@code -Danshin.regenerate=true} rewrites it). */
    @Test
    void theConfigurationReferenceListsEveryOptionOfUp() throws Exception {
        Path reference = Path.of("..").toAbsolutePath().normalize().resolve("docs/CONFIGURATION.md");
        String expected = org.anshin.common.cli.OptionDocs.sync(reference, "launcher-up",
                org.anshin.common.cli.OptionDocs.table(new UpCommand(), o -> true), Boolean.getBoolean("anshin.regenerate"));
        assertThat(java.nio.file.Files.readString(reference)).as("docs/CONFIGURATION.md, block launcher-up; regenerate"
                + " with -Dtest=LaunchOptionsTest -Danshin.regenerate=true").isEqualTo(expected);
        assertThat(expected).contains("| `--kafka-port N` | - | `9092` |").contains("| `--fresh` | - |");
    }

    @Test
    void servicesOfTheContract() {
        assertThat(ServiceSpec.defaults()).extracting(ServiceSpec::name, ServiceSpec::mainClass, ServiceSpec::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("local-inbox", "org.anshin.inbox.LocalInboxMain", 9199),
                        org.assertj.core.groups.Tuple.tuple("ingest-service", "org.anshin.ingest.IngestMain", 8080),
                        org.assertj.core.groups.Tuple.tuple("routing-service", "org.anshin.routing.RoutingMain", 8082),
                        org.assertj.core.groups.Tuple.tuple("notifier-service", "org.anshin.notifier.NotifierMain", 8083),
                        org.assertj.core.groups.Tuple.tuple("console", "org.anshin.console.ConsoleMain", 8084));
        assertThat(ServiceSpec.defaults().get(0).extraPorts()).as("the inbox's SMTP port").containsExactly(2525);
        assertThat(ServiceSpec.defaults().stream().filter(ServiceSpec::pipeline))
                .allSatisfy(s -> assertThat(s.readyPath()).isEqualTo("/health/ready"));
    }
}
