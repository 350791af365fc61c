package org.anshin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refuses a bad config file: it names the file and the entry, and the process exits non-zero. */
class RoutingMainTest {
    @TempDir
    Path dir;

    /** The repository's config with one line of one file replaced. */
    private Path configWith(String file, String line, String replacement) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../config"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path target = dir.resolve(file);
        String text = Files.readString(target);
        assertThat(text).as("fixture line in " + file).contains(line);
        Files.writeString(target, text.replace(line, replacement));
        return dir;
    }

    private String refusal(Path config) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return refusal("--config", config.toString(), "--internal-token", TOKEN, "--pseudonym-key", KEY);
    }

    private static final String TOKEN = "test-internal-token-0123456789";
    private static final String KEY = "test-pseudonym-key-0123456789";

    private String refusal(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var startup = RoutingMain.prepare(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(startup).as("refused to start").isEmpty();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutItsTwoSecretsItRefusesToStartAndNeverEchoesThem() {
        assertThat(refusal("--config", "../config", "--pseudonym-key", KEY)).contains("no internal token")
                .contains("ANSHIN_INTERNAL_TOKEN_FILE");
        assertThat(refusal("--config", "../config", "--internal-token", TOKEN)).contains("no pseudonym key");
        assertThat(refusal("--config", "../config", "--internal-token", "short-secret", "--pseudonym-key", KEY))
                .contains("at least 16 characters").doesNotContain("short-secret");
        assertThat(refusal("--config", "../config", "--internal-token", TOKEN, "--pseudonym-key", "short-key"))
                .contains("at least 16 bytes").doesNotContain("short-key");
        assertThat(refusal("--config", "../config", "--internal-token", TOKEN, "--pseudonym-key", KEY,
                "--closing-period", "30 days")).contains("--closing-period");
    }

    @Test
    void aBadEscalationCheckIntervalIsRefusedNamingTheOption() {
        assertThat(refusal("--config", "../config", "--internal-token", TOKEN, "--pseudonym-key", KEY,
                "--escalation-check-interval", "10s")).contains("--escalation-check-interval").contains("PT10S");
        assertThat(refusal("--config", "../config", "--internal-token", TOKEN, "--pseudonym-key", KEY,
                "--escalation-check-interval", "PT5M")).contains("--escalation-check-interval").contains("PT30S");
        var startup = RoutingMain.prepare(new String[] {"--config", "../config", "--internal-token", TOKEN,
                "--pseudonym-key", KEY, "--escalation-check-interval", "PT1S"}, new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(startup).isPresent();
        assertThat(startup.get().config().escalationCheckInterval()).isEqualTo(java.time.Duration.ofSeconds(1));
    }

    @Test
    void theCommitIntervalSetsCommitAndPollTimingAndIsBounded() {
        assertThat(refusal("--config", "../config", "--internal-token", TOKEN, "--pseudonym-key", KEY,
                "--commit-interval", "PT1M")).contains("--commit-interval").contains("PT5S");
        assertThat(refusal("--config", "../config", "--internal-token", TOKEN, "--pseudonym-key", KEY,
                "--commit-interval", "PT0.001S")).contains("--commit-interval").contains("PT0.005S");
        var defaults = RoutingMain.prepare(new String[] {"--config", "../config", "--internal-token", TOKEN,
                "--pseudonym-key", KEY}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        // an idle stream thread commits only after its poll returns: poll.ms must not exceed the interval
        assertThat(defaults.orElseThrow().streamsTiming()).containsEntry("commit.interval.ms", 10L)
                .containsEntry("poll.ms", 10L);
        var slow = RoutingMain.prepare(new String[] {"--config", "../config", "--internal-token", TOKEN,
                "--pseudonym-key", KEY, "--commit-interval", "PT2S"}, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertThat(slow.orElseThrow().streamsTiming()).containsEntry("commit.interval.ms", 2000L)
                .containsEntry("poll.ms", 100L);
    }

    @Test
    void aCeptoarWithoutATopicIsRefusedNamingFileAndEntry() throws IOException {
        Path config = configWith("ceptoars.yaml", "    topic: ceptoar.gas.incidents\n", "");
        assertThat(refusal(config)).contains("ceptoars.yaml").contains("gas").contains("topic");
    }

    @Test
    void aMissingThresholdIsRefusedNamingFileAndEntry() throws IOException {
        Path config = configWith("verification-levels.yaml", "{field: affectedUsers, atLeast: 30000}",
                "{field: affectedUsers}");
        assertThat(refusal(config)).contains("verification-levels.yaml").contains("telecom");
    }

    @Test
    void aSectorNamingAnUnknownCeptoarIsRefusedNamingFileAndEntry() throws IOException {
        Path config = configWith("verification-levels.yaml", "    ceptoar: telecom\n", "    ceptoar: no-such-ceptoar\n");
        assertThat(refusal(config)).contains("verification-levels.yaml").contains("telecom")
                .contains("no-such-ceptoar");
    }

    @Test
    void theGoodConfigStarts() {
        var startup = RoutingMain.prepare(new String[] {"--config", "../config", "--internal-token", TOKEN,
                "--pseudonym-key", KEY, "--closing-period", "P7D"}, new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(startup).isPresent();
        assertThat(startup.get().config().closingPeriod()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(startup.get().toString()).doesNotContain(TOKEN);
    }

    /** The real entry point, in a child JVM (about a second): the exit status is what a supervisor sees. */
    @Test
    void mainExitsWithStatusTwoOnABadConfig() throws Exception {
        Path config = configWith("ceptoars.yaml", "    topic: ceptoar.gas.incidents\n", "");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                RoutingMain.class.getName(), "--config", config.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(RoutingMain.CONFIG_ERROR_EXIT).isNotZero();
        assertThat(err).contains("refusing to start").contains("ceptoars.yaml").contains("gas");
    }
}
