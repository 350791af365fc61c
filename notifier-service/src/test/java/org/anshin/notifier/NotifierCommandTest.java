package org.anshin.notifier;

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

class NotifierCommandTest {
    static final Path REFERENCE = Path.of("..").toAbsolutePath().normalize().resolve("docs/CONFIGURATION.md");

    private static NotifierSettings parse(String... argv) {
        return NotifierCommand.parse(argv, Map.of()).settings();
    }

    @Test
    void defaultsAreIssue11sAndTheCommandLineOverridesThem() {
        NotifierSettings d = NotifierSettings.defaults();
        assertThat(d.groupId()).isEqualTo("anshin-notifier");
        assertThat(d.lanes()).isEqualTo(8);
        assertThat(d.maxNoticeAge()).isEqualTo(Duration.ofHours(24));
        assertThat(d.retry().maxAttempts()).isEqualTo(6);
        assertThat(d.alertsFiringTopic()).isEqualTo("notifications.alerts-firing");
        NotifierSettings given = parse("--delivery-workers", "3", "--max-notice-age=PT0S", "--group-id", "g2");
        assertThat(given.lanes()).isEqualTo(3);
        assertThat(given.maxNoticeAge()).isZero();
        assertThat(given.groupId()).isEqualTo("g2");
        assertThat(NotifierCommand.parse(new String[0], Map.of("ANSHIN_PORT", "9100")).shared().port(0)).isEqualTo(9100);
    }

    @Test
    void wrongValuesNameTheOption() {
        assertThatThrownBy(() -> parse("--delivery-workers", "many")).isInstanceOf(Cli.UsageError.class)
                .hasMessage("Invalid value for option '--delivery-workers': 'many' is not an int");
        assertThatThrownBy(() -> parse("--delivery-workers", "0"))
                .hasMessage("Invalid value for option '--delivery-workers': '0' is out of range (1 to 256)");
        assertThatThrownBy(() -> parse("--revoke-grace", "PT5M")).hasMessageContaining("'--revoke-grace'");
        assertThatThrownBy(() -> parse("--max-age", "10m")).hasMessageContaining("'--max-age'")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> parse("--incident-url-template", "http://x/"))
                .hasMessageContaining("'--incident-url-template'").hasMessageContaining("{incidentKey}");
    }

    @Test
    void helpShowsEachOptionsDefault() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(Cli.printedHelp(new NotifierCommand(), new String[] {"--help"}, Map.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8))).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Usage: notifier-service [OPTIONS]")
                .contains("--max-notice-age=DURATION").contains("Default: PT24H").contains("Default: 8083")
                .doesNotContain("_NULL_");
    }

    /** docs/CONFIGURATION.md's notifier-service block is this command's options ({@code -Danshin.regenerate=true} rewrites it). */
    @Test
    void theConfigurationReferenceListsEveryOption() throws Exception {
        String expected = OptionDocs.sync(REFERENCE, "notifier-service",
                OptionDocs.table(new NotifierCommand(), o -> !OptionDocs.shared(o)), Boolean.getBoolean("anshin.regenerate"));
        assertThat(Files.readString(REFERENCE)).as("docs/CONFIGURATION.md, block notifier-service; regenerate with"
                + " -Dtest=NotifierCommandTest -Danshin.regenerate=true").isEqualTo(expected);
        assertThat(expected).contains("| `--delivery-workers N` | - | `8` |");
    }
}
