package org.anshin.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    private static final Path FILE = Path.of("ceptoars.yaml");
    private final Secrets secrets = new Secrets(Map.of("SMTP_PASSWORD", "s3cr3t!", "EMPTY", "")::get);

    @TempDir
    Path dir;

    @Test
    void literalValuesStayAsTheyAre() {
        assertThat(secrets.resolve("smtp://127.0.0.1:2525", FILE, "e", "smtp")).isEqualTo("smtp://127.0.0.1:2525");
        assertThat(secrets.resolve(null, FILE, "e", "smtp")).isNull();
    }

    @Test
    void environmentReferencesAreReplacedInsideALargerValue() {
        assertThat(secrets.resolve("smtp://anshin:${SMTP_PASSWORD}@mail:587", FILE, "e", "smtp"))
                .isEqualTo("smtp://anshin:s3cr3t!@mail:587");
    }

    @Test
    void fileReferencesReadTheFileWithoutItsTrailingNewline() throws IOException {
        Path secret = Files.writeString(dir.resolve("key"), "R0utingKey\n");
        assertThat(secrets.resolve("${file:" + secret + "}", FILE, "e", "routingKey")).isEqualTo("R0utingKey");
    }

    @Test
    void anUnsetVariableNamesFileEntryKeyAndReferenceButNoValue() {
        assertThatThrownBy(() -> secrets.resolve("${NOT_SET}", FILE, "channel 'x'", "routingKey"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ceptoars.yaml").hasMessageContaining("channel 'x'")
                .hasMessageContaining("'routingKey'").hasMessageContaining("${NOT_SET}");
        assertThatThrownBy(() -> secrets.resolve("${EMPTY}", FILE, "e", "k")).hasMessageContaining("not set");
    }

    @Test
    void anUnreadableFileIsNamedWithoutItsContent() {
        assertThatThrownBy(() -> secrets.resolve("${file:" + dir.resolve("missing") + "}", FILE, "e", "secret"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void redactHidesUserInfoQueriesAndSlackPaths() {
        assertThat(Secrets.redact("smtp://anshin:s3cr3t!@mail.example.org:587"))
                .isEqualTo("smtp://***@mail.example.org:587").doesNotContain("s3cr3t");
        assertThat(Secrets.redact("https://hooks.slack.com/services/T000/B000/XXXX"))
                .isEqualTo("https://hooks.slack.com/***");
        assertThat(Secrets.redact("https://example.org/hook?token=abc")).isEqualTo("https://example.org/hook?***");
        assertThat(Secrets.redact("not a url with s3cr3t")).doesNotContain("s3cr3t");
    }
}
