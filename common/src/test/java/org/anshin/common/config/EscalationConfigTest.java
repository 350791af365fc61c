package org.anshin.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: a CEPTOAR's escalation tiers in ceptoars.yaml. */
class EscalationConfigTest {
    @TempDir
    Path dir;

    private Path write(String escalation) throws IOException {
        Path file = dir.resolve(Ceptoars.FILE);
        Files.writeString(file, """
                ceptoars:
                  - id: gas
                    topic: ceptoar.gas.incidents
                    channels:
                      - {id: gas-hook, type: webhook, url: http://127.0.0.1:9199/hook/gas}
                      - {id: gas-duty, type: webhook, url: http://127.0.0.1:9199/hook/gas-duty}
                      - {id: gas-chief, type: webhook, url: http://127.0.0.1:9199/hook/gas-chief}
                """ + escalation);
        return file;
    }

    @Test
    void tiersAreNumberedFromTwoAndEveryOtherChannelIsTierOne() throws IOException {
        Ceptoar gas = Ceptoars.load(write("""
                    escalation:
                      - {after: PT15M, channels: [gas-duty]}
                      - {after: PT30M, channels: [gas-chief]}
                """)).of("gas").orElseThrow();
        assertThat(gas.escalation()).containsExactly(
                new EscalationTier(2, Duration.ofMinutes(15), List.of("gas-duty")),
                new EscalationTier(3, Duration.ofMinutes(30), List.of("gas-chief")));
        assertThat(gas.tierOf("gas-hook")).isEqualTo(1);
        assertThat(gas.tierOf("gas-duty")).isEqualTo(2);
        assertThat(gas.tierOf("gas-chief")).isEqualTo(3);
    }

    @Test
    void aChannelWithoutAnIdStaysInTierOne() throws IOException {
        Path file = dir.resolve(Ceptoars.FILE);
        Files.writeString(file, """
                ceptoars:
                  - id: gas
                    topic: ceptoar.gas.incidents
                    channels:
                      - {type: webhook, url: http://127.0.0.1:9199/hook/gas}
                      - {id: gas-duty, type: webhook, url: http://127.0.0.1:9199/hook/gas-duty}
                    escalation:
                      - {after: PT15M, channels: [gas-duty]}
                """);
        assertThat(Ceptoars.load(file).of("gas").orElseThrow().tierOf("gas-duty")).isEqualTo(2);
    }

    @Test
    void withoutEscalationEveryChannelIsTierOne() throws IOException {
        Ceptoar gas = Ceptoars.load(write("")).of("gas").orElseThrow();
        assertThat(gas.escalation()).isEmpty();
        assertThat(gas.tierOf("gas-duty")).isEqualTo(1);
    }

    @Test
    void badPoliciesAreRefusedNamingTheCeptoarAndTheTier() throws IOException {
        assertThatThrownBy(() -> Ceptoars.load(write("""
                    escalation:
                      - {after: PT30M, channels: [gas-duty]}
                      - {after: PT15M, channels: [gas-chief]}
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("CEPTOAR 'gas'")
                .hasMessageContaining("tier 3").hasMessageContaining("longer than tier 2's PT30M");
        assertThatThrownBy(() -> Ceptoars.load(write("""
                    escalation:
                      - {after: PT15M, channels: [gas-pager]}
                """))).hasMessageContaining("names channel 'gas-pager', which is not the id of one of its channels");
        assertThatThrownBy(() -> Ceptoars.load(write("""
                    escalation:
                      - {after: PT15M, channels: [gas-duty]}
                      - {after: PT30M, channels: [gas-duty]}
                """))).hasMessageContaining("'gas-duty' in two tiers");
        assertThatThrownBy(() -> Ceptoars.load(write("""
                    escalation:
                      - {after: PT15M, channels: [gas-duty, gas-chief, gas-hook]}
                """))).hasMessageContaining("leave at least one in tier 1");
        assertThatThrownBy(() -> Ceptoars.load(write("""
                    escalation:
                      - {after: PT15M, channel: [gas-duty]}
                """))).hasMessageContaining("channel");
        assertThatThrownBy(() -> Ceptoars.load(write("""
                    escalation:
                      - {after: 15 minutes, channels: [gas-duty]}
                """))).hasMessageContaining("'after' must be an ISO-8601 duration");
    }
}
