package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.ConfigException;
import org.anshin.common.config.Operators;
import org.anshin.common.config.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators' {@code contacts}: parsed like CEPTOAR channels, ids {@code <operatorId>/<type>-<n>}, advisories on. */
class ContactSpecsTest {
    @TempDir
    Path dir;

    private Map<String, List<ChannelSpec>> parse(String contacts, Set<String> taken) throws Exception {
        Path file = dir.resolve(Operators.FILE);
        Files.writeString(file, """
                version: test
                operators:
                  - id: gas-op
                    sectors: [gas]
                    tokenSha256: %s
                    contacts:
                %s
                """.formatted("b".repeat(64), contacts));
        return ChannelSpecs.parseContacts(file, Operators.load(file), taken, new Secrets(Map.of("HOOK", "s3cr3t-token")::get));
    }

    @Test
    void contactsGetOperatorIdsTakeAdvisoriesAndResolveSecrets() throws Exception {
        var specs = parse("""
                      - type: webhook
                        url: http://127.0.0.1:9199/hook/gas-op
                        headers: {Authorization: "Bearer ${HOOK}"}
                      - type: email
                        smtp: smtp://127.0.0.1:2525
                        from: anshin@example.org
                        to: [oncall@gas-op.example]
                        advisories: false
                """, Set.of());
        assertThat(specs.get("gas-op")).extracting(ChannelSpec::id).containsExactly("gas-op/webhook-1", "gas-op/email-2");
        assertThat(specs.get("gas-op").get(0).advisories()).isTrue();
        assertThat(specs.get("gas-op").get(1).advisories()).isFalse();
        assertThat(specs.get("gas-op").get(0).options().headers()).containsEntry("Authorization", "Bearer s3cr3t-token");
        assertThat(specs.get("gas-op").get(0).toString()).doesNotContain("s3cr3t-token");
    }

    @Test
    void aContactIsValidatedLikeAChannelAndItsIdMayNotCollide() {
        assertThatThrownBy(() -> parse("      - {type: webhook, url: http://hooks.example.org/x}", Set.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("operators.yaml").hasMessageContaining("channel 'gas-op/webhook-1'")
                .hasMessageContaining("plain http");
        assertThatThrownBy(() -> parse("      - {type: webhook, id: gas/webhook-1, url: https://h}",
                Set.of("gas/webhook-1"))).isInstanceOf(ConfigException.class).hasMessageContaining("id used twice");
        assertThatThrownBy(() -> parse("      - {type: webhook, url: https://h, colour: red}", Set.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'colour'");
    }

    @Test
    void theRepositoryConfigGivesDemoOperatorsContactsAndCeptoarWebhooksAdvisories() {
        Path repo = Path.of(System.getProperty("anshin.repo.root", "..")).resolve("config");
        AnshinConfig config = AnshinConfig.load(repo);
        var channels = ChannelSpecs.parse(repo.resolve("ceptoars.yaml"), config.ceptoars(), new Secrets(k -> "x"));
        var contacts = ChannelSpecs.parseContacts(repo.resolve(Operators.FILE), config.operators(),
                Set.of(), new Secrets(k -> "x"));
        assertThat(contacts.get("demo-gas-operator")).extracting(ChannelSpec::id)
                .containsExactly("demo-gas-operator/webhook-1");
        assertThat(channels.get("gas")).filteredOn(ChannelSpec::advisories).extracting(ChannelSpec::type)
                .containsExactly(ChannelType.WEBHOOK);
        assertThat(channels.get("nisc")).noneMatch(ChannelSpec::advisories);
    }
}
