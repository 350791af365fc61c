package org.anshin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.anshin.common.cli.Cli;
import org.anshin.common.cli.OptionDocs;
import org.junit.jupiter.api.Test;

class IngestCommandTest {
    static final Path REFERENCE = Path.of("..").toAbsolutePath().normalize().resolve("docs/CONFIGURATION.md");

    private static IngestOptions parse(String... argv) {
        return IngestCommand.parse(argv, Map.of()).options();
    }

    @Test
    void defaultsMatchTheContract() {
        IngestOptions o = parse();
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.routingUrl()).hasToString("http://127.0.0.1:8082");
        assertThat(o.autoRegisterSchemas()).isTrue();
        assertThat(o.reportsTopic()).isEqualTo("incidents.reports");
        assertThat(o.acknowledgementsTopic()).isEqualTo("incidents.acknowledgements");
        assertThat(o.deliveryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.problemBaseUrl()).as("the service's own /problems/ on its port").isEmpty();
        assertThat(o.internalToken()).isEmpty();
    }

    @Test
    void theEnvironmentAndTheCommandLineOverrideTheDefaults() {
        Map<String, String> env = Map.of("ANSHIN_PORT", "9000", "ANSHIN_ROUTING_URL", "http://routing:8082",
                "ANSHIN_INTERNAL_TOKEN", "env-token-0123456789");
        IngestOptions fromEnv = IngestCommand.parse(new String[0], env).options();
        assertThat(fromEnv.port()).isEqualTo(9000);
        assertThat(fromEnv.routingUrl()).hasToString("http://routing:8082");
        assertThat(fromEnv.internalToken()).contains("env-token-0123456789");
        IngestOptions both = IngestCommand.parse(new String[] {"--port=9001", "--delivery-timeout-ms", "5000"}, env)
                .options();
        assertThat(both.port()).isEqualTo(9001);
        assertThat(both.deliveryTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesStopTheStartWithTheOptionsName() {
        assertThatThrownBy(() -> parse("--auto-register-schemas", "yes"))
                .hasMessageStartingWith("Invalid value for option '--auto-register-schemas'");
        assertThatThrownBy(() -> parse("--delivery-timeout-ms", "soon"))
                .hasMessageStartingWith("Invalid value for option '--delivery-timeout-ms': 'soon' is not a long");
        assertThatThrownBy(() -> parse("--delivery-timeout-ms", "100"))
                .hasMessage("Invalid value for option '--delivery-timeout-ms': must be 2000..120000, got 100");
        assertThatThrownBy(() -> parse("--max-block-ms", "60000")).hasMessageContaining("'--max-block-ms'");
        assertThatThrownBy(() -> parse("--routing-url", "ftp://x")).hasMessageContaining("'--routing-url'");
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessageContaining("'--port'");
        assertThatThrownBy(() -> parse("--reports-topc", "x")).isInstanceOf(Cli.UsageError.class)
                .hasMessageStartingWith("Unknown option: '--reports-topc'");
        // type URIs must stay absolute and end in the problem's name
        assertThatThrownBy(() -> parse("--problem-base-url", "/problems/")).hasMessageContaining("--problem-base-url");
        assertThatThrownBy(() -> parse("--problem-base-url", "https://docs.example.org/problems"))
                .hasMessageContaining("--problem-base-url");
    }

    @Test
    void helpListsIngestsAndTheSharedOptionsWithDefaultsAndNeverTheToken() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean printed = Cli.printedHelp(new IngestCommand(), new String[] {"--help"},
                Map.of("ANSHIN_INTERNAL_TOKEN", "s3cr3t-0123456789abcdef"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String help = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).isTrue();
        assertThat(help).startsWith("Usage: ingest-service [OPTIONS]").contains("--delivery-timeout-ms=N")
                .contains("Default: 10000").contains("--port=N").contains("Default: 8080").contains("Env: ANSHIN_PORT")
                .contains("--internal-token-file=FILE").doesNotContain("s3cr3t").doesNotContain("_NULL_");
        assertThat(Cli.printedHelp(new IngestCommand(), new String[] {"--port", "1"}, Map.of(), System.out)).isFalse();
    }

    /** docs/CONFIGURATION.md's ingest-service block is this command's options ({@code -Danshin.regenerate=true} rewrites it). */
    @Test
    void theConfigurationReferenceListsEveryOption() throws Exception {
        String expected = OptionDocs.sync(REFERENCE, "ingest-service",
                OptionDocs.table(new IngestCommand(), o -> !OptionDocs.shared(o)), Boolean.getBoolean("anshin.regenerate"));
        assertThat(Files.readString(REFERENCE)).as("docs/CONFIGURATION.md, block ingest-service; regenerate with"
                + " -Dtest=IngestCommandTest -Danshin.regenerate=true").isEqualTo(expected);
        assertThat(expected).contains("| `--delivery-timeout-ms N` | - | `10000` |");
    }
}
