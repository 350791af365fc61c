package org.anshin.console;

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

class ConsoleCommandTest {
    static final Path REFERENCE = Path.of("..").toAbsolutePath().normalize().resolve("docs/CONFIGURATION.md");

    private static ConsoleOptions parse(Map<String, String> env, String... argv) {
        return ConsoleCommand.parse(argv, env).options();
    }

    @Test
    void defaultsTheEnvironmentAndTheCommandLine() {
        ConsoleOptions d = parse(Map.of());
        assertThat(d.port()).isEqualTo(8084);
        assertThat(d.ingestUrl()).hasToString("http://127.0.0.1:8080");
        assertThat(d.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.topicPrefix()).isEmpty();
        assertThat(d.allowDemoTokens()).isFalse();
        ConsoleOptions env = parse(Map.of("ANSHIN_ALLOW_DEMO_TOKENS", "true", "ANSHIN_PROFILE", "local"),
                "--heartbeat-seconds", "5");
        assertThat(env.allowDemoTokens()).isTrue();
        assertThat(env.localProfile()).isTrue();
        assertThat(env.heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(parse(Map.of("ANSHIN_ALLOW_DEMO_TOKENS", "true"), "--allow-demo-tokens", "false").allowDemoTokens())
                .as("the command line wins").isFalse();
    }

    @Test
    void wrongValuesNameTheOption() {
        assertThatThrownBy(() -> parse(Map.of(), "--streams-per-session", "100"))
                .hasMessage("Invalid value for option '--streams-per-session': must be 1..64, got 100");
        assertThatThrownBy(() -> parse(Map.of(), "--heartbeat-seconds", "often")).isInstanceOf(Cli.UsageError.class)
                .hasMessageStartingWith("Invalid value for option '--heartbeat-seconds': 'often'");
        assertThatThrownBy(() -> parse(Map.of(), "--ingest-url", "ftp://x")).hasMessageContaining("'--ingest-url'");
        assertThatThrownBy(() -> parse(Map.of(), "--keep-incidents", "10"))
                .hasMessage("Invalid value for option '--keep-incidents': must be 100..1000000, got 10");
    }

    @Test
    void helpShowsTheDefaults() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(Cli.printedHelp(new ConsoleCommand(), new String[] {"--help"}, Map.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8))).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Usage: console [OPTIONS]")
                .contains("--session-idle-minutes=N").contains("Default: 30").contains("Default: 8084")
                .doesNotContain("_NULL_");
    }

    /** docs/CONFIGURATION.md's console block is this command's options ({@code -Danshin.regenerate=true} rewrites it). */
    @Test
    void theConfigurationReferenceListsEveryOption() throws Exception {
        String expected = OptionDocs.sync(REFERENCE, "console",
                OptionDocs.table(new ConsoleCommand(), o -> !OptionDocs.shared(o)), Boolean.getBoolean("anshin.regenerate"));
        assertThat(Files.readString(REFERENCE)).as("docs/CONFIGURATION.md, block console; regenerate with"
                + " -Dtest=ConsoleCommandTest -Danshin.regenerate=true").isEqualTo(expected);
        assertThat(expected).contains("| `--ingest-url URL` | - | `http://127.0.0.1:8080` |");
    }
}
