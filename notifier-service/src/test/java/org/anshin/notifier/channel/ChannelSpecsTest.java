package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.ConfigException;
import org.anshin.schemas.Classification;
import org.junit.jupiter.api.Test;

class ChannelSpecsTest {
    private static final Path FILE = Path.of("ceptoars.yaml");
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    private JsonNode node(String text) throws Exception {
        return yaml.readTree(text);
    }

    @Test
    void theShippedConfigGivesEveryCeptoarAWebhookAndAnEmail() {
        Path dir = Path.of(System.getProperty("anshin.repo.root", "..")).resolve("config");
        AnshinConfig config = AnshinConfig.load(dir);
        Map<String, List<ChannelSpec>> specs = ChannelSpecs.parse(dir.resolve(Ceptoars.FILE), config.ceptoars());
        assertThat(specs).containsKeys("electricity", "council");
        List<ChannelSpec> electricity = specs.get("electricity");
        assertThat(electricity).extracting(ChannelSpec::id)
                .containsExactly("electricity/webhook-1", "electricity/email-2");
        assertThat(electricity.get(0).exercise()).isTrue();
        assertThat(electricity.get(1).minClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
        assertThat(electricity.get(1).accepts(Classification.BELOW_VERIFICATION_LEVEL, false)).isFalse();
        assertThat(electricity.get(1).accepts(Classification.EXCEEDS_VERIFICATION_LEVEL, true)).isFalse();
        assertThat(electricity.get(0).accepts(Classification.BELOW_VERIFICATION_LEVEL, true)).isTrue();
    }

    @Test
    void readsStormControlAndPagerdutyDefaults() throws Exception {
        ChannelSpec pd = ChannelSpecs.parseOne(FILE, "gas", 3, node(
                "{type: pagerduty, routingKey: abc, groupWait: 30s, ratePerSecond: 2, id: gas-pager}"));
        assertThat(pd.id()).isEqualTo("gas-pager");
        assertThat(pd.url().toString()).isEqualTo(ChannelSpecs.PAGERDUTY_EVENTS_URL);
        assertThat(pd.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pd.ratePerSecond()).isEqualTo(2.0);
        assertThat(ChannelSpecs.duration(FILE, "x", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ChannelSpecs.duration(FILE, "x", "500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void wrongEntriesNameTheChannelAndTheProblem() {
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1, node("{type: fax}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gas").hasMessageContaining("fax");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1, node("{type: webhook}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gas/webhook-1").hasMessageContaining("url");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1, node("{type: webhook, url: ftp://x}")))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1, node("{type: pagerduty}")))
                .hasMessageContaining("routingKey");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1, node("{type: email, smtp: smtp://h:25}")))
                .hasMessageContaining("'from'");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1,
                node("{type: webhook, url: http://h, groupWait: soon}"))).hasMessageContaining("groupWait");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1,
                node("{type: webhook, url: http://h, minClassification: HIGH}"))).hasMessageContaining("minClassification");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1, node("{type: webhook, url: http://h, urll: x}")))
                .hasMessageContaining("unknown key 'urll'");
    }
}
