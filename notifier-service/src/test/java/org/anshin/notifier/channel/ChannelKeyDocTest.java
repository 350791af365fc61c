package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The README's channel-key table is generated from {@link ChannelKey}: this keeps the two equal. */
class ChannelKeyDocTest {
    static final Path README = Path.of("README.md");
    static final String BEGIN = "<!-- channel keys: generated from ChannelKey -->\n";
    static final String END = "<!-- end of channel keys -->";

    @Test
    void theReadmeListsEveryChannelKeyAsDeclared() throws IOException {
        String readme = Files.readString(README);
        int from = readme.indexOf(BEGIN);
        int to = readme.indexOf(END);
        assertThat(from).as("README marker").isGreaterThanOrEqualTo(0);
        assertThat(readme.substring(from + BEGIN.length(), to))
                .as("notifier-service/README.md channel keys; regenerate with: mvn -pl notifier-service test "
                        + "-Dtest=ChannelKeyDocTest -Danshin.regenerate=true")
                .isEqualTo(ChannelKey.markdownTable());
    }

    /** {@code -Danshin.regenerate=true} rewrites the table in place (skipped otherwise). */
    @Test
    @EnabledIfSystemProperty(named = "anshin.regenerate", matches = "true")
    void regenerate() throws IOException {
        String readme = Files.readString(README);
        int from = readme.indexOf(BEGIN);
        int to = readme.indexOf(END);
        Files.writeString(README, readme.substring(0, from + BEGIN.length()) + ChannelKey.markdownTable()
                + readme.substring(to));
    }
}
