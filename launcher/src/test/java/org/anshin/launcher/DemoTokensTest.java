package org.anshin.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTokensTest {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void upPrintsTheDemoTokensOfTheShippedConfig() {
        String printed = print(LaunchOptions.parse(List.of("up"), HOME, HOME));
        assertThat(printed).contains("demo operator tokens (local use only):")
                .contains("Authorization: Bearer demo-electricity -> demo-electricity-operator [electricity]");
        assertThat(printed.lines().filter(l -> l.contains("Bearer demo-"))).hasSize(14);
    }

    @Test
    void aConfigWithoutDemoTokensPrintsNone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("operators.yaml"),
                "operators:\n  - id: real\n    sectors: [gas]\n    tokenSha256: " + "e".repeat(64) + "\n");
        String printed = print(LaunchOptions.parse(List.of("up", "--config", dir.toString()), HOME, HOME));
        assertThat(printed).doesNotContain("Bearer");
    }

    private static String print(LaunchOptions options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AnshinLauncher.printDemoTokens(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
