package org.anshin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What ingest refuses before it connects anywhere: the public demo tokens outside the local profile, no token. */
class IngestMainTest {
    private static final String TOKEN = "test-internal-token-0123456789";
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private boolean starts(Map<String, String> env, String... args) {
        return IngestMain.prepare(args, env, new PrintStream(err, true, StandardCharsets.UTF_8)).isPresent();
    }

    @Test
    void theShippedDemoTokensAreRefusedOutsideTheLocalProfile() {
        assertThat(starts(Map.of(), "--config", "../config", "--internal-token", TOKEN)).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to start").contains("operators.yaml")
                .contains("public demo token").contains("--allow-demo-tokens").contains("ANSHIN_ALLOW_DEMO_TOKENS");
    }

    @Test
    void theyAreAcceptedLocallyOrWhenTheUserOptsIn() {
        assertThat(starts(Map.of(), "--config", "../config", "--internal-token", TOKEN, "--profile", "local")).isTrue();
        assertThat(starts(Map.of("ANSHIN_ALLOW_DEMO_TOKENS", "true"), "--config", "../config", "--internal-token", TOKEN))
                .isTrue();
    }

    @Test
    void aConfigWithoutDemoTokensStartsInProduction() {
        assertThat(starts(Map.of("ANSHIN_INTERNAL_TOKEN", TOKEN), "--config", TestConfig.write().toString())).isTrue();
    }

    @Test
    void theDemoSecretariatTokensAreRefusedOutsideTheLocalProfileToo() throws java.io.IOException {
        java.nio.file.Path dir = TestConfig.write(); // test operators, no operator demo token
        java.nio.file.Files.copy(java.nio.file.Path.of("../config/secretariats.yaml"), dir.resolve("secretariats.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(starts(Map.of(), "--config", dir.toString(), "--internal-token", TOKEN)).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to start").contains("secretariats.yaml")
                .contains("public demo token").contains("demo-nisc").contains("--allow-demo-tokens");
        assertThat(starts(Map.of(), "--config", dir.toString(), "--internal-token", TOKEN, "--profile", "local")).isTrue();
    }

    @Test
    void withoutTheInternalTokenItRefusesToStart() {
        assertThat(starts(Map.of(), "--config", TestConfig.write().toString())).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no internal token")
                .contains("ANSHIN_INTERNAL_TOKEN_FILE");
        assertThat(starts(Map.of(), "--config", TestConfig.write().toString(), "--internal-token", "too-short"))
                .isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 16 characters").doesNotContain("too-short");
    }
}
