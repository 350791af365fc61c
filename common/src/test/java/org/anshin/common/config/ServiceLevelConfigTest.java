package org.anshin.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: an operator's own service level in operators.yaml, read with the verification levels' conditions. */
class ServiceLevelConfigTest {
    private static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void theShippedDemoOperatorsDeclareSomeServiceLevelsAndLeaveTheOthersWithout() {
        Operators operators = AnshinConfig.load(AnshinConfigTest.SHIPPED).operators();
        ServiceLevel gas = operators.serviceLevelOf("demo-gas-operator").orElseThrow();
        assertThat(gas.breachedWhen()).containsExactly(Condition.count("affectedHouseholds", 1000));
        assertThat(gas.minDuration()).contains(Duration.ofMinutes(30));
        assertThat(gas.description()).contains("1,000 households");
        assertThat(gas.descriptionJa()).contains("1,000戸");
        assertThat(operators.serviceLevelOf("demo-telecom-operator").orElseThrow().breachedWhen())
                .containsExactly(Condition.count("affectedUsers", 10_000));
        assertThat(operators.serviceLevelOf("demo-electricity-operator")).isPresent();
        assertThat(operators.serviceLevelOf("demo-broadcasting-operator")).isEmpty();
        assertThat(operators.serviceLevelOf("no-such-operator")).isEmpty();
        assertThat(operators.byId().values().stream().filter(o -> o.serviceLevel().isPresent())).hasSize(3);
    }

    @Test
    void aServiceLevelReadsFlagsCountsAndAnOptionalDuration() throws IOException {
        writeOperator("""
                serviceLevel:
                      description: payments late or stopped, or 500 customers without service
                      breachedWhen:
                        - {field: serviceDelayed, isTrue: true}
                        - {field: affectedUsers, atLeast: 500}
                """);
        ServiceLevel sl = AnshinConfig.load(dir).operators().serviceLevelOf("acme").orElseThrow();
        assertThat(sl.breachedWhen()).containsExactly(Condition.flag("serviceDelayed"),
                Condition.count("affectedUsers", 500));
        assertThat(sl.minDuration()).isEmpty();
        assertThat(sl.descriptionJa()).isEmpty();
    }

    @Test
    void anOperatorWithoutOneHasNone() throws IOException {
        writeOperator("name: Acme");
        Operator acme = AnshinConfig.load(dir).operators().byId().get("acme");
        assertThat(acme.serviceLevel()).isEqualTo(Optional.empty());
    }

    @Test
    void unknownKeysAreRefusedInTheServiceLevelAndInItsConditions() throws IOException {
        refused("""
                serviceLevel:
                      description: d
                      exceedsWhen:
                        - {field: affectedUsers, atLeast: 1}
                """, "operator 'acme' serviceLevel", "'exceedsWhen'")
                .hasMessageContaining("unknown key")
                .hasMessageContaining("known keys: description, descriptionJa, breachedWhen, minDuration");
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen:
                        - {field: affectedUsers, atleast: 1}
                """, "operator 'acme' serviceLevel breachedWhen[0]", "'atleast'")
                .hasMessageContaining("did you mean 'atLeast'?");
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen:
                        - {field: affectedUsers, atLeast: 1}
                      minDuraton: PT1H
                """, "operator 'acme' serviceLevel", "'minDuraton'").hasMessageContaining("did you mean 'minDuration'?");
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() throws IOException {
        refused("serviceLevel: 1000 households", "operator 'acme'", "'serviceLevel'")
                .hasMessageContaining("must be a mapping");
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen: {field: affectedUsers, atLeast: 1}
                """, "operator 'acme' serviceLevel", "'breachedWhen'")
                .hasMessageContaining("must be a non-empty list of mappings (got a mapping)");
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen: []
                """, "operator 'acme' serviceLevel", "'breachedWhen'");
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen:
                        - {field: affectedUsers, atLeast: 1}
                      minDuration: 30 minutes
                """, "operator 'acme' serviceLevel", "'minDuration'").hasMessageContaining("ISO-8601 duration");
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen:
                        - {field: affectedUsers, atLeast: "1000"}
                """, "operator 'acme' serviceLevel breachedWhen[0]", "'atLeast'")
                .hasMessageContaining("must be a whole number >= 0");
        refused("""
                serviceLevel:
                      breachedWhen:
                        - {field: affectedUsers, atLeast: 1}
                """, "operator 'acme' serviceLevel", "'description'").hasMessageContaining("which is required");
    }

    @Test
    void conditionsMustNameImpactFieldsThatExistWithTheThresholdOfTheirKind() throws IOException {
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen:
                        - {field: affectedCustomers, atLeast: 1}
                """, "operator 'acme' serviceLevel breachedWhen[0]", "unknown impact field 'affectedCustomers'")
                .hasMessageContaining("affectedHouseholds");
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen:
                        - {field: serviceStopped, atLeast: 1}
                """, "operator 'acme' serviceLevel breachedWhen[0]", "'serviceStopped'")
                .hasMessageContaining("takes 'isTrue: true', not 'atLeast'");
        refused("""
                serviceLevel:
                      description: d
                      breachedWhen:
                        - {field: affectedUsers}
                """, "operator 'acme' serviceLevel breachedWhen[0]", "'atLeast")
                .hasMessageContaining("missing threshold");
    }

    @Test
    void bothFilesReadTheirConditionsWithTheSameShape() {
        assertThat(Operators.SL_BREACHED_WHEN.shape()).isSameAs(VerificationLevels.EXCEEDS_WHEN.shape())
                .isSameAs(Conditions.SHAPE);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String rest, String entry, String key)
            throws IOException {
        writeOperator(rest);
        return assertThatThrownBy(() -> AnshinConfig.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve(Operators.FILE).toString())
                .hasMessageContaining(entry).hasMessageContaining(key);
    }

    private void writeOperator(String rest) throws IOException {
        for (String f : List.of(VerificationLevels.FILE, Ceptoars.FILE, Operators.FILE, Interdependency.FILE)) {
            Files.copy(AnshinConfigTest.SHIPPED.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve(Operators.FILE), "version: test\noperators:\n  - id: acme\n    sectors: [gas]\n"
                + "    tokenSha256: " + HASH + "\n    " + rest.stripTrailing() + "\n");
    }
}
