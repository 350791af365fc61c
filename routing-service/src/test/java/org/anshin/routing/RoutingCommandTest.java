package org.anshin.routing;

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

class RoutingCommandTest {
    static final Path REFERENCE = Path.of("..").toAbsolutePath().normalize().resolve("docs/CONFIGURATION.md");

    @Test
    void defaultsAreTheConfigsAndTheCommandLineWins() {
        RoutingCommand c = RoutingCommand.parse(new String[0], Map.of("ANSHIN_STATE_DIR", "/state"));
        assertThat(c.applicationId).isEqualTo(RoutingStreamsConfig.DEFAULT_APPLICATION_ID);
        assertThat(c.autoRegisterSchemas).isTrue();
        assertThat(c.closingPeriod).isEqualTo(RoutingConfig.DEFAULT_CLOSING_PERIOD);
        assertThat(c.escalationCheckInterval).isEqualTo(RoutingConfig.DEFAULT_ESCALATION_CHECK_INTERVAL);
        assertThat(c.shared().port(0)).isEqualTo(RoutingMain.DEFAULT_PORT);
        assertThat(c.shared().stateDir("routing")).isEqualTo(Path.of("/state"));
        RoutingCommand given = RoutingCommand.parse(new String[] {"--closing-period", "P7D", "--state-dir", "/mine"},
                Map.of("ANSHIN_STATE_DIR", "/state"));
        assertThat(given.closingPeriod).isEqualTo(Duration.ofDays(7));
        assertThat(given.shared().stateDir("routing")).isEqualTo(Path.of("/mine"));
    }

    @Test
    void aWrongDurationNamesTheOptionAndAnExample() {
        assertThatThrownBy(() -> RoutingCommand.parse(new String[] {"--closing-period", "30 days"}, Map.of()))
                .isInstanceOf(Cli.UsageError.class)
                .hasMessage("Invalid value for option '--closing-period': '30 days' is not an ISO-8601 duration such"
                        + " as PT10S, PT15M or P30D");
    }

    @Test
    void helpShowsTheDefaultsAndNeverTheSecrets() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(Cli.printedHelp(new RoutingCommand(), new String[] {"-h"}, Map.of("ANSHIN_PSEUDONYM_KEY",
                "s3cr3t-key-0123456789"), new PrintStream(bytes, true, StandardCharsets.UTF_8))).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Usage: routing-service [OPTIONS]")
                .contains("--closing-period=DURATION").contains("Default: P30D").contains("Default: 8082")
                .contains("Env: ANSHIN_PSEUDONYM_KEY_FILE").doesNotContain("s3cr3t").doesNotContain("_NULL_");
    }

    /** docs/CONFIGURATION.md's routing-service block is this command's options ({@code -Danshin.regenerate=true} rewrites it). */
    @Test
    void theConfigurationReferenceListsEveryOption() throws Exception {
        String expected = OptionDocs.sync(REFERENCE, "routing-service",
                OptionDocs.table(new RoutingCommand(), o -> !OptionDocs.shared(o)), Boolean.getBoolean("anshin.regenerate"));
        assertThat(Files.readString(REFERENCE)).as("docs/CONFIGURATION.md, block routing-service; regenerate with"
                + " -Dtest=RoutingCommandTest -Danshin.regenerate=true").isEqualTo(expected);
        assertThat(expected).contains("| `--closing-period DURATION` | - | `P30D` |");
    }
}
