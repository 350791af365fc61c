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
import org.anshin.common.config.Secrets;
import org.anshin.notifier.kafka.TopicRoute;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
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
                .containsExactly("electricity/webhook-1", "electricity/email-2", "electricity/webhook-duty");
        // the duty webhook is escalation tier 2; the others stay in tier 1 with the ids they had by default
        assertThat(electricity).extracting(ChannelSpec::tier).containsExactly(1, 1, 2);
        assertThat(electricity.get(2).url().toString()).isEqualTo("http://127.0.0.1:9199/hook/electricity-duty");
        assertThat(specs.get("nisc")).extracting(ChannelSpec::id, ChannelSpec::tier).containsExactly(
                org.assertj.core.groups.Tuple.tuple("nisc/webhook-1", 1),
                org.assertj.core.groups.Tuple.tuple("nisc/email-2", 1),
                org.assertj.core.groups.Tuple.tuple("nisc/webhook-duty", 2));
        assertThat(specs.get("gas")).allSatisfy(c -> assertThat(c.tier()).isEqualTo(1));
        assertThat(electricity.get(0).exercise()).isTrue();
        assertThat(electricity.get(1).minClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
        assertThat(electricity.get(1).accepts(Classification.BELOW_VERIFICATION_LEVEL, false)).isFalse();
        assertThat(electricity.get(1).accepts(Classification.EXCEEDS_VERIFICATION_LEVEL, true)).isFalse();
        assertThat(electricity.get(0).accepts(Classification.BELOW_VERIFICATION_LEVEL, true)).isTrue();
    }

    @Test
    void eachChannelGetsTheTierThatNamesItsIdAndAcceptsOnlyThatTiersNotices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(Ceptoars.FILE);
        Files.writeString(file, """
                ceptoars:
                  - id: gas
                    topic: ceptoar.gas.incidents
                    channels:
                      - {id: gas-hook, type: webhook, url: "http://127.0.0.1:1/a"}
                      - {id: gas-duty, type: webhook, url: "http://127.0.0.1:1/b"}
                      - {id: gas-chief, type: email, smtp: "smtp://127.0.0.1:1", from: a@example.org, to: [b@example.org], advisories: true}
                    escalation:
                      - {after: PT15M, channels: [gas-duty]}
                      - {after: PT1H, channels: [gas-chief]}
                """);
        Map<String, List<ChannelSpec>> specs = ChannelSpecs.parse(file, Ceptoars.load(file), new Secrets(k -> null));
        List<ChannelSpec> gas = specs.get("gas");
        assertThat(gas).extracting(ChannelSpec::tier).containsExactly(1, 2, 3);
        Classification exceeds = Classification.EXCEEDS_VERIFICATION_LEVEL;
        assertThat(gas).filteredOn(c -> c.accepts(exceeds, false, 1)).extracting(ChannelSpec::id)
                .containsExactly("gas-hook");
        assertThat(gas).filteredOn(c -> c.accepts(exceeds, false, 2)).extracting(ChannelSpec::id)
                .containsExactly("gas-duty");
        assertThat(gas).filteredOn(c -> c.accepts(exceeds, false, 3)).extracting(ChannelSpec::id)
                .containsExactly("gas-chief");
        assertThat(gas).noneMatch(c -> c.accepts(exceeds, false, 4));
        // the other filters still apply within the tier: gas-duty takes no drills
        assertThat(gas.get(1).accepts(exceeds, true, 2)).isFalse();
        // advisories do not look at the tier
        assertThat(gas.get(2).advisories()).isTrue();
        assertThat(gas.get(2).toString()).contains("tier=3");
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
                node("{type: webhook, url: https://h, groupWait: soon}"))).hasMessageContaining("groupWait");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1,
                node("{type: webhook, url: https://h, minClassification: HIGH}"))).hasMessageContaining("minClassification");
        assertThatThrownBy(() -> ChannelSpecs.parseOne(FILE, "gas", 1, node("{type: webhook, url: https://h, urll: x}")))
                .hasMessageContaining("unknown key 'urll'");
    }

    private static ChannelSpec parse(String yamlText, Map<String, String> env) throws Exception {
        return ChannelSpecs.parseOne(FILE, "gas", 1, new ObjectMapper(new YAMLFactory()).readTree(yamlText),
                new Secrets(env::get));
    }

    @Test
    void theShippedConfigsLetOnlyNiscReadRedAndReadNiscLikeAnyCeptoar() {
        Path root = Path.of(System.getProperty("anshin.repo.root", ".."));
        for (Path dir : List.of(root.resolve("config"), root.resolve("docker/config"))) {
            Ceptoars ceptoars = Ceptoars.load(dir.resolve(Ceptoars.FILE));
            Map<String, List<ChannelSpec>> specs = ChannelSpecs.parse(dir.resolve(Ceptoars.FILE), ceptoars);
            assertThat(specs.get("nisc")).as(dir.toString()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.maxTlp()).isEqualTo(Tlp.RED));
            specs.forEach((ceptoar, channels) -> {
                if (!ceptoar.equals("nisc")) {
                    assertThat(channels).as(ceptoar).noneMatch(c -> c.allows(Tlp.RED));
                }
            });
            Map<String, TopicRoute> routes = TopicRoute.of(ceptoars, specs);
            assertThat(routes.get("nisc.incidents").channels()).hasSize(specs.get("nisc").size());
            assertThat(routes.get("exercise.nisc.incidents").exercise()).isTrue();
            // the tier-1 webhook and the duty webhook of tier 2 take drills (a drill practises the escalation too)
            assertThat(routes.get("exercise.nisc.incidents").channels()).extracting(ChannelSpec::type, ChannelSpec::tier)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ChannelType.WEBHOOK, 1),
                            org.assertj.core.groups.Tuple.tuple(ChannelType.WEBHOOK, 2));
        }
    }

    @Test
    void maxTlpHasASafeDefaultPerTypeAndRedOnlyWhenAskedFor() throws Exception {
        Map<String, String> env = Map.of();
        assertThat(parse("{type: slack, url: 'https://hooks.slack.com/services/T/B/x'}", env).maxTlp())
                .isEqualTo(Tlp.GREEN);
        assertThat(parse("{type: webhook, url: https://h}", env).maxTlp()).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(parse("{type: email, smtp: smtp://h, from: a@b, to: c@d}", env).maxTlp()).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(parse("{type: pagerduty, routingKey: k}", env).maxTlp()).isEqualTo(Tlp.AMBER);
        assertThat(parse("{type: alertmanager, url: http://am:9093, allowInsecure: true}", env).maxTlp()).isEqualTo(Tlp.AMBER);
        for (ChannelType t : ChannelType.values()) {
            assertThat(t.defaultMaxTlp()).isNotEqualTo(Tlp.RED);
        }
        assertThat(parse("{type: webhook, url: https://h, maxTlp: RED}", env).maxTlp()).isEqualTo(Tlp.RED);
        assertThat(parse("{type: webhook, url: https://h, maxTlp: AMBER+STRICT}", env).maxTlp())
                .isEqualTo(Tlp.AMBER_STRICT);
        assertThat(parse("{type: webhook, url: https://h, maxTlp: AMBER_STRICT}", env).maxTlp())
                .isEqualTo(Tlp.AMBER_STRICT);
        ChannelSpec green = parse("{type: webhook, url: https://h, maxTlp: 'TLP:GREEN'}", env);
        assertThat(green.allows(Tlp.CLEAR)).isTrue();
        assertThat(green.allows(Tlp.GREEN)).isTrue();
        assertThat(green.allows(Tlp.AMBER)).isFalse();
        assertThat(TlpLimit.reason(Tlp.RED, Tlp.AMBER)).startsWith("TLP:RED is above this channel's maxTlp AMBER");
        assertThatThrownBy(() -> parse("{type: webhook, url: https://h, maxTlp: PURPLE}", env))
                .hasMessageContaining(FILE.toString()).hasMessageContaining("gas/webhook-1")
                .hasMessageContaining("'maxTlp'").hasMessageContaining("PURPLE");
    }

    @Test
    void wrongTypesAreRefusedNamingFileChannelAndKey() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{type: webhook, url: https://h, exercise: \"yes\"}", "'exercise'");
        cases.put("{type: webhook, url: https://h, exercise: 1}", "'exercise'");
        cases.put("{type: webhook, url: https://h, ratePerSecond: fast}", "'ratePerSecond'");
        cases.put("{type: webhook, url: https://h, ratePerSecond: [1]}", "'ratePerSecond'");
        cases.put("{type: email, smtp: smtp://h, from: a@b, to: {x: y}}", "'to'");
        cases.put("{type: email, smtp: smtp://h, from: a@b, to: [ok@b, 1]}", "'to'");
        cases.put("{type: email, smtp: smtp://h, from: [a@b], to: c@d}", "'from'");
        cases.put("{type: webhook, url: {host: h}}", "'url'");
        cases.put("{type: webhook, url: https://h, groupWait: [30s]}", "'groupWait'");
        cases.put("{type: webhook, url: https://h, minClassification: {a: b}}", "'minClassification'");
        cases.put("{type: webhook, url: https://h, maxTlp: [RED]}", "'maxTlp'");
        cases.put("{type: webhook, url: https://h, username: u}", "'username'");
        cases.forEach((yamlText, key) -> assertThatThrownBy(() -> parse(yamlText, Map.of()))
                .as(yamlText).isInstanceOf(ConfigException.class).hasMessageContaining(FILE.toString())
                .hasMessageContaining("channel '").hasMessageContaining(key));
    }

    @Test
    void secretReferencesResolveAndMessagesNeverShowTheSecret() throws Exception {
        Map<String, String> env = Map.of("SMTP_PASSWORD", "pa:ss@w0rd/+x", "PD_KEY", "R0UTE-SECRET",
                "SLACK_URL", "https://hooks.slack.com/services/T0/B0/SLACKSECRET");
        ChannelSpec mail = parse("{type: email, smtp: 'smtp://mail.example.org:587', username: anshin, "
                + "password: '${SMTP_PASSWORD}', from: a@b, to: c@d}", env);
        assertThat(mail.login()).contains(new SmtpLogin("anshin", "pa:ss@w0rd/+x"));
        assertThat(mail.url().toString()).isEqualTo("smtp://mail.example.org:587");
        ChannelSpec inUrl = parse("{type: email, smtp: 'smtp://anshin:${SMTP_PASSWORD_ENC}@mail:587', from: a@b, "
                + "to: c@d}", Map.of("SMTP_PASSWORD_ENC", "p%40ss+1"));
        assertThat(inUrl.login()).contains(new SmtpLogin("anshin", "p@ss+1"));
        assertThat(inUrl.url().getRawUserInfo()).isNull();
        ChannelSpec pd = parse("{type: pagerduty, routingKey: '${PD_KEY}'}", env);
        assertThat(pd.routingKey()).contains("R0UTE-SECRET");
        ChannelSpec slack = parse("{type: slack, url: '${SLACK_URL}'}", env);
        assertThat(slack.url().toString()).endsWith("SLACKSECRET");
        for (ChannelSpec spec : List.of(mail, inUrl, pd, slack)) {
            assertThat(spec.toString()).doesNotContain("pa:ss").doesNotContain("p%40ss").doesNotContain("R0UTE-SECRET")
                    .doesNotContain("SLACKSECRET");
        }
        assertThat(mail.login().orElseThrow().toString()).doesNotContain("w0rd");
        assertThat(slack.scrub("POST " + slack.url() + " failed; path /services/T0/B0/SLACKSECRET"))
                .doesNotContain("SLACKSECRET");
        assertThat(pd.scrub("HTTP 400: invalid routing_key R0UTE-SECRET")).isEqualTo("HTTP 400: invalid routing_key ***");
    }

    @Test
    void aFileReferenceIsReadAndAnUnsetOneIsNamedWithoutAValue(@TempDir Path tmp) throws Exception {
        Path key = tmp.resolve("pd-key");
        Files.writeString(key, "FILE-R0UTE\n");
        assertThat(parse("{type: pagerduty, routingKey: '${file:" + key + "}'}", Map.of()).routingKey())
                .contains("FILE-R0UTE");
        assertThatThrownBy(() -> parse("{type: email, smtp: smtp://h, username: u, password: '${SMTP_PASSWORD}', "
                + "from: a@b, to: c@d}", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FILE.toString())
                .hasMessageContaining("channel 'gas/email-1'").hasMessageContaining("'password'")
                .hasMessageContaining("SMTP_PASSWORD");
    }

    @Test
    void aMalformedSmtpUrlIsRefusedWithoutItsPassword() {
        for (String smtp : List.of("smtp://anshin:hunter2 secret@mail:587", "smtp://anshin:hunter2secret@",
                "ftp://anshin:hunter2secret@mail:21")) {
            assertThatThrownBy(() -> parse("{type: email, smtp: '" + smtp + "', from: a@b, to: c@d}", Map.of()))
                    .as(smtp).isInstanceOf(ConfigException.class).hasMessageContaining("'smtp'")
                    .hasMessageContaining("gas/email-1").hasMessageNotContaining("hunter2");
        }
        assertThatThrownBy(() -> parse("{type: email, smtp: 'smtp://${BAD_URL}', from: a@b, to: c@d}",
                Map.of("BAD_URL", "u:hunter2secret@[bad")))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void plainHttpIsOnlyForLoopbackUnlessTheChannelSaysAllowInsecure() throws Exception {
        for (String url : List.of("http://127.0.0.1:9199/hook", "http://localhost/x", "http://[::1]:8080/x")) {
            assertThat(parse("{type: webhook, url: '" + url + "'}", Map.of()).options().allowInsecure()).as(url)
                    .isFalse();
        }
        for (String type : List.of("webhook", "slack", "alertmanager")) {
            assertThatThrownBy(() -> parse("{type: " + type + ", url: 'http://hooks.example.org/x?token=T0PSECRET'}",
                    Map.of())).as(type).isInstanceOf(ConfigException.class).hasMessageContaining("plain http")
                    .hasMessageContaining("allowInsecure").hasMessageNotContaining("T0PSECRET");
        }
        ChannelSpec trusted = parse("{type: alertmanager, url: 'http://alertmanager:9093', allowInsecure: true}",
                Map.of());
        assertThat(trusted.options().allowInsecure()).isTrue();
        assertThatThrownBy(() -> parse("{type: email, smtp: smtp://h, from: a@b, to: c@d, allowInsecure: true}",
                Map.of())).hasMessageContaining("'allowInsecure' is for the http channel types");
    }

    @Test
    void typeSpecificKeysAreReadAndRefusedOnOtherTypes() throws Exception {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        ChannelSpec hook = parse("{type: webhook, url: https://h, secret: 'whsec_" + key + "', headers: "
                + "{Authorization: 'Bearer ${HOOK_TOKEN}', X-Tenant: gas}}", Map.of("HOOK_TOKEN", "t0ken-s3cret"));
        assertThat(hook.options().secret()).isPresent();
        assertThat(hook.options().headers()).containsEntry("Authorization", "Bearer t0ken-s3cret")
                .containsEntry("X-Tenant", "gas");
        assertThat(hook.toString()).doesNotContain("t0ken-s3cret").doesNotContain(key);
        assertThat(hook.scrub("401 for Bearer t0ken-s3cret")).doesNotContain("t0ken-s3cret");
        assertThatThrownBy(() -> parse("{type: webhook, url: https://h, secret: 'not-whsec'}", Map.of()))
                .hasMessageContaining("'secret' must start with 'whsec_'").hasMessageNotContaining("not-whsec");
        assertThatThrownBy(() -> parse("{type: webhook, url: https://h, secret: 'whsec_AAAA'}", Map.of()))
                .hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> parse("{type: webhook, url: https://h, headers: {Idempotency-Key: x}}", Map.of()))
                .hasMessageContaining("set by the notifier itself");
        assertThatThrownBy(() -> parse("{type: webhook, url: https://h, headers: [a]}", Map.of()))
                .hasMessageContaining("'headers' must be a mapping");
        assertThatThrownBy(() -> parse("{type: slack, url: https://h, secret: 'whsec_" + key + "'}", Map.of()))
                .hasMessageContaining("'secret' is for webhook channels only");
        assertThat(parse("{type: alertmanager, url: https://am, resendInterval: 30s}", Map.of()).options()
                .resendInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> parse("{type: alertmanager, url: https://am, resendInterval: 2h}", Map.of()))
                .hasMessageContaining("'resendInterval' must be between 1s and 1h");
        assertThat(parse("{type: email, smtp: smtp://h, from: anshin@mail.example.org, to: c@d}", Map.of()).options()
                .messageIdDomain()).contains("mail.example.org");
        assertThat(parse("{type: email, smtp: smtp://h, from: a@b, to: c@d, messageIdDomain: anshin.example.jp}",
                Map.of()).options().messageIdDomain()).contains("anshin.example.jp");
        assertThat(parse("{type: pagerduty, routingKey: k}", Map.of()).ratePerSecond())
                .isEqualTo(ChannelSpecs.PAGERDUTY_DEFAULT_RATE);
    }
}
