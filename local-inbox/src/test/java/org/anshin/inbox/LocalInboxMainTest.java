package org.anshin.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.anshin.common.cli.Cli;
import org.anshin.common.cli.OptionDocs;
import org.junit.jupiter.api.Test;

class LocalInboxMainTest {
    static final Path REFERENCE = Path.of("..").toAbsolutePath().normalize().resolve("docs/CONFIGURATION.md");

    @Test
    void defaultsAndAWrongPort() {
        LocalInboxMain o = Cli.parse(new LocalInboxMain(), new String[] {"--smtp-port", "2600"}, Map.of());
        assertThat(o.host).isEqualTo("127.0.0.1");
        assertThat(o.httpPort).isEqualTo(9199);
        assertThat(o.smtpPort).isEqualTo(2600);
        assertThatThrownBy(() -> Cli.parse(new LocalInboxMain(), new String[] {"--http-port", "web"}, Map.of()))
                .hasMessage("Invalid value for option '--http-port': 'web' is not an int");
    }

    /** docs/CONFIGURATION.md's local-inbox block is this command's options ({@code -Danshin.regenerate=true} rewrites it). */
    @Test
    void theConfigurationReferenceListsEveryOption() throws Exception {
        String expected = OptionDocs.sync(REFERENCE, "local-inbox", OptionDocs.table(new LocalInboxMain(), o -> true),
                Boolean.getBoolean("anshin.regenerate"));
        assertThat(Files.readString(REFERENCE)).as("docs/CONFIGURATION.md, block local-inbox; regenerate with"
                + " -Dtest=LocalInboxMainTest -Danshin.regenerate=true").isEqualTo(expected);
        assertThat(expected).contains("| `--http-port N` | - | `9199` |");
    }
}
