package org.anshin.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnshinConfigTest {
    /** The config folder shipped at the repository root, the one ./anshin up uses. */
    static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path dir;

    @Test
    void shippedConfigLoadsWithEverySectorOfTheContract() {
        AnshinConfig config = AnshinConfig.load(SHIPPED);
        assertThat(config.levels().bySector()).containsOnlyKeys("telecom", "broadcasting", "banking",
                "life-insurance", "non-life-insurance", "securities", "aviation", "railway", "electricity", "gas",
                "government", "medical", "water", "logistics");
        SectorLevel electricity = config.levels().of("electricity").orElseThrow();
        assertThat(electricity.exceedsWhen()).containsExactly(Condition.count("supplyLossKw", 100_000));
        assertThat(electricity.minDuration()).contains(Duration.ofMinutes(10));
        assertThat(config.levels().of("telecom").orElseThrow().minDuration()).contains(Duration.ofHours(2));
        assertThat(config.levels().of("government").orElseThrow().ceptoar()).isEqualTo("local-government");
        assertThat(config.ceptoars().ids()).contains("council", "local-government", "nisc").hasSize(16);
        assertThat(config.interdependency().dependentsOf("water"))
                .containsExactlyInAnyOrder("medical", "government", "electricity", "gas");
        assertThat(config.interdependency().dependentsOf("electricity")).hasSize(13).doesNotContain("electricity");
        assertThat(config.operators().byId()).hasSize(14);
    }

    @Test
    void unknownSectorInInterdependencyNamesFileAndEntry() throws IOException {
        copyShipped();
        Files.writeString(dir.resolve("interdependency.yaml"),
                "upstream:\n  - sector: nuclear\n    dependents: ['*']\n");
        assertThatThrownBy(() -> AnshinConfig.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("interdependency.yaml")
                .hasMessageContaining("upstream sector 'nuclear'")
                .hasMessageContaining("unknown sector");
    }

    @Test
    void missingThresholdNamesFileAndSector() throws IOException {
        copyShipped();
        String levels = Files.readString(dir.resolve("verification-levels.yaml"))
                .replace("{field: affectedHouseholds, atLeast: 30}", "{field: affectedHouseholds}");
        Files.writeString(dir.resolve("verification-levels.yaml"), levels);
        assertThatThrownBy(() -> AnshinConfig.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("verification-levels.yaml")
                .hasMessageContaining("sector 'gas'")
                .hasMessageContaining("missing threshold");
    }

    @Test
    void ceptoarWithoutTopicNamesFileAndCeptoar() throws IOException {
        copyShipped();
        String ceptoars = Files.readString(dir.resolve("ceptoars.yaml"))
                .replace("    topic: ceptoar.water.incidents\n", "");
        Files.writeString(dir.resolve("ceptoars.yaml"), ceptoars);
        assertThatThrownBy(() -> AnshinConfig.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ceptoars.yaml")
                .hasMessageContaining("CEPTOAR 'water'")
                .hasMessageContaining("no 'topic'");
    }

    @Test
    void sectorPointingAtAnUnlistedCeptoarIsRefused() throws IOException {
        copyShipped();
        String levels = Files.readString(dir.resolve("verification-levels.yaml"))
                .replace("ceptoar: logistics", "ceptoar: shipping");
        Files.writeString(dir.resolve("verification-levels.yaml"), levels);
        assertThatThrownBy(() -> AnshinConfig.load(dir))
                .hasMessageContaining("sector 'logistics'")
                .hasMessageContaining("CEPTOAR 'shipping'");
    }

    @Test
    void plainTokenInsteadOfHashIsRefused() throws IOException {
        copyShipped();
        Files.writeString(dir.resolve("operators.yaml"),
                "operators:\n  - id: careless\n    sectors: [gas]\n    tokenSha256: demo-gas\n");
        assertThatThrownBy(() -> AnshinConfig.load(dir))
                .hasMessageContaining("operator 'careless'")
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void anOperatorMayHoldTwoTokensWhileRotating() throws IOException {
        copyShipped();
        String old = "a".repeat(64);
        String fresh = "B".repeat(64);
        Files.writeString(dir.resolve("operators.yaml"),
                "operators:\n  - id: rotating\n    sectors: [gas]\n    tokenSha256: [" + old + ", " + fresh + "]\n");
        Operator op = AnshinConfig.load(dir).operators().byId().get("rotating");
        assertThat(op.tokenSha256s()).containsExactly(old, "b".repeat(64));
    }

    @Test
    void aTokenSharedByTwoOperatorsIsRefused() throws IOException {
        copyShipped();
        String hash = "c".repeat(64);
        Files.writeString(dir.resolve("operators.yaml"), "operators:\n"
                + "  - id: one\n    sectors: [gas]\n    tokenSha256: " + hash + "\n"
                + "  - id: two\n    sectors: [gas]\n    tokenSha256: [" + "d".repeat(64) + ", " + hash + "]\n");
        assertThatThrownBy(() -> AnshinConfig.load(dir)).hasMessageContaining("operator 'two'")
                .hasMessageContaining("shares a token");
    }

    @Test
    void unknownImpactFieldIsRefused() throws IOException {
        copyShipped();
        String levels = Files.readString(dir.resolve("verification-levels.yaml"))
                .replace("requiredImpact: [supplyLossKw]", "requiredImpact: [supplyLossKW]");
        Files.writeString(dir.resolve("verification-levels.yaml"), levels);
        assertThatThrownBy(() -> AnshinConfig.load(dir))
                .hasMessageContaining("sector 'electricity'")
                .hasMessageContaining("unknown impact field 'supplyLossKW'");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> AnshinConfig.load(dir))
                .hasMessageContaining("verification-levels.yaml")
                .hasMessageContaining("file not found");
    }

    private void copyShipped() throws IOException {
        for (String f : new String[] {"verification-levels.yaml", "ceptoars.yaml", "operators.yaml", "interdependency.yaml"}) {
            Files.copy(SHIPPED.resolve(f), dir.resolve(f));
        }
    }
}
