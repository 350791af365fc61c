package org.anshin.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** secretariats.yaml and sharing-agreements.yaml: shipped files, defaults, and every refusal naming file, entry, key. */
class SecretariatsTest {
    private static final String HASH = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void niscAcknowledgesAnyIncidentAndACeptoarOnlyItsOwnNonRedOnesAndAMinistryNone() {
        Secretariat nisc = new Secretariat("nisc", "NISC", Secretariat.Role.NISC, Set.of(), true, List.of(HASH));
        Secretariat gas = new Secretariat("gas", "Gas", Secretariat.Role.CEPTOAR, Set.of("gas"), false, List.of(HASH));
        Secretariat ministry = new Secretariat("gas", "METI", Secretariat.Role.MINISTRY, Set.of("gas"), false,
                List.of(HASH));
        assertThat(nisc.acknowledgementRefusal("k1", "electricity", true)).isEmpty();
        assertThat(gas.acknowledgementRefusal("k1", "gas", false)).isEmpty();
        assertThat(gas.acknowledgementRefusal("k1", "gas", true)).get().asString().contains("k1").contains("TLP:RED");
        assertThat(gas.acknowledgementRefusal("k2", "electricity", false)).get().asString()
                .contains("k2").contains("own CEPTOAR");
        // a ministry whose id happens to be a CEPTOAR's is still not that CEPTOAR
        assertThat(ministry.acknowledgementRefusal("k3", "gas", false)).isPresent();
    }

    @Test
    void theShippedFilesListNiscAndEveryCeptoarsSecretariatWithTheDemoTokens() {
        AnshinConfig config = AnshinConfig.load(AnshinConfigTest.SHIPPED);
        Secretariats s = config.secretariats();
        assertThat(s.byId().keySet()).containsExactlyInAnyOrderElementsOf(config.ceptoars().ids());
        Secretariat nisc = s.of("nisc").orElseThrow();
        assertThat(nisc.role()).isEqualTo(Secretariat.Role.NISC);
        assertThat(nisc.allSectors()).isTrue();
        assertThat(nisc.sectors()).containsExactlyInAnyOrderElementsOf(config.levels().bySector().keySet());
        assertThat(s.byTokenSha256(TokenHash.sha256Hex("demo-nisc"))).contains(nisc);
        Secretariat government = s.byTokenSha256(TokenHash.sha256Hex("demo-secretariat-local-government")).orElseThrow();
        assertThat(government.id()).isEqualTo("local-government");
        assertThat(government.sectors()).containsExactly("government"); // its sectors default to its CEPTOAR's
        assertThat(government.ceptoarId()).contains("local-government");
        assertThat(s.of("council").orElseThrow().sectors()).isEmpty();
        assertThat(s.demoTokenLines()).hasSize(16).anyMatch(l -> l.contains("Bearer demo-nisc"))
                .anyMatch(l -> l.contains("Bearer demo-secretariat-gas"));
        assertThat(s.toString()).doesNotContain(nisc.tokenHashes().get(0));

        SharingAgreements agreements = config.sharingAgreements();
        assertThat(agreements.allows("electricity", "gas")).isTrue();
        assertThat(agreements.allows("gas", "electricity")).isTrue(); // mutual
        assertThat(agreements.allows("telecom", "broadcasting")).isTrue();
        assertThat(agreements.allows("banking", "securities")).isTrue();
        assertThat(agreements.allows("electricity", "telecom")).isFalse();
        assertThat(agreements.allows("gas", "gas")).isFalse();
    }

    @Test
    void absentFilesMeanNobodyIssuesAndNothingIsShared() throws IOException {
        copyTables();
        AnshinConfig config = AnshinConfig.load(dir);
        assertThat(config.secretariats().byId()).isEmpty();
        assertThat(config.secretariats().byTokenSha256(TokenHash.sha256Hex("demo-nisc"))).isEmpty();
        assertThat(config.sharingAgreements().allows("electricity", "gas")).isFalse();
    }

    @Test
    void unknownKeysAndWrongTypesNameFileEntryAndKey() throws IOException {
        refused("  - id: gas\n    role: ceptoar\n    tokenSha256: " + HASH + "\n    sector: [gas]\n",
                "secretariat 'gas'", "unknown key 'sector'", "did you mean 'sectors'");
        refused("  - id: gas\n    role: ceptoar\n    tokenSha256: " + HASH + "\n    sectors: gas\n",
                "secretariat 'gas'", "'sectors' must be a list of text");
        refused("  - id: gas\n    role: ceptoar\n    tokenSha256: demo-secretariat-gas\n",
                "secretariat 'gas'", "'tokenSha256' must be 64 hex digits");
        assertThatThrownBy(() -> loadWith("  - id: gas\n    role: ceptoar\n    tokenSha256: not-a-hash-at-all\n"))
                .hasMessageNotContaining("not-a-hash-at-all"); // a pasted token is never echoed
        refused("  - id: gas\n    role: operator\n    tokenSha256: " + HASH + "\n", "secretariat 'gas'",
                "'role' must be nisc, ceptoar or ministry");
        refused("  - id: gas\n    role: ceptoar\n", "secretariat 'gas'", "has no 'tokenSha256'");
        refused("  - id: gas/x\n    role: ceptoar\n    tokenSha256: " + HASH + "\n", "secretariats[0]", "'id' must be an identifier");
    }

    @Test
    void aCeptoarSecretariatAdvisesOnlyItsOwnSectors() throws IOException {
        refused("  - id: gas\n    role: ceptoar\n    sectors: [gas, electricity]\n    tokenSha256: " + HASH + "\n",
                "secretariat 'gas'", "lists sector 'electricity', whose CEPTOAR is not 'gas'");
        refused("  - id: gas\n    role: ceptoar\n    sectors: [all]\n    tokenSha256: " + HASH + "\n",
                "secretariat 'gas'", "not [all]");
        refused("  - id: nuclear\n    role: ceptoar\n    tokenSha256: " + HASH + "\n",
                "secretariat 'nuclear'", "is not a CEPTOAR of ceptoars.yaml");
        refused("  - id: nisc\n    role: ceptoar\n    tokenSha256: " + HASH + "\n",
                "secretariat 'nisc'", "NISC has role nisc");
        refused("  - id: nisc\n    role: nisc\n    sectors: [gas]\n    tokenSha256: " + HASH + "\n",
                "secretariat 'nisc'", "advises every sector");
        refused("  - id: meti\n    role: ministry\n    tokenSha256: " + HASH + "\n", "secretariat 'meti'",
                "list the sectors");
        refused("  - id: meti\n    role: ministry\n    sectors: [electricity, nuclear]\n    tokenSha256: " + HASH + "\n",
                "secretariat 'meti'", "unknown sector 'nuclear'");
        refused("  - id: meti\n    role: ministry\n    sectors: [all, gas]\n    tokenSha256: " + HASH + "\n",
                "secretariat 'meti'", "[all] alone");
        Secretariats ok = loadWith("  - id: meti\n    role: ministry\n    sectors: [electricity, gas]\n    tokenSha256: "
                + HASH + "\n").secretariats();
        assertThat(ok.of("meti").orElseThrow().sectors()).containsExactlyInAnyOrder("electricity", "gas");
        assertThat(ok.of("meti").orElseThrow().allSectors()).isFalse();
    }

    @Test
    void aTokenHeldTwiceIsRefusedAmongSecretariatsAndAcrossOperators() throws IOException {
        refused("  - id: gas\n    role: ceptoar\n    tokenSha256: " + HASH + "\n  - id: water\n    role: ceptoar\n"
                + "    tokenSha256: [" + "c".repeat(64) + ", " + HASH + "]\n", "secretariat 'water'", "shares a token");
        refused("  - id: gas\n    role: ceptoar\n    tokenSha256: " + HASH + "\n  - id: gas\n    role: ceptoar\n"
                + "    tokenSha256: " + "c".repeat(64) + "\n", "secretariat 'gas'", "listed twice");
        String operatorsHash = TokenHash.sha256Hex("demo-electricity"); // the shipped demo operator's token
        refused("  - id: electricity\n    role: ceptoar\n    tokenSha256: " + operatorsHash + "\n",
                "secretariat 'electricity'", "has the token of operator 'demo-electricity-operator'");
    }

    @Test
    void agreementsNameTwoKnownDifferentCeptoarsOnce() throws IOException {
        agreementRefused("  - between: [gas, nuclear]\n", "agreement [gas, nuclear]", "names CEPTOAR 'nuclear'");
        agreementRefused("  - between: [gas]\n", "agreement [gas]", "two different CEPTOARs");
        agreementRefused("  - between: [gas, gas]\n", "agreement [gas, gas]", "two different CEPTOARs");
        agreementRefused("  - between: [gas, nisc]\n", "agreement [gas, nisc]", "needs no agreement");
        agreementRefused("  - between: [gas, water]\n  - between: [water, gas]\n", "agreement [water, gas]", "listed twice");
        agreementRefused("  - between: [gas, water]\n    notes: x\n", "agreement [gas, water]", "unknown key 'notes'");
        agreementRefused("  - between: gas\n", "agreements[0]", "'between' must be a list of text");
        copyTables();
        Files.writeString(dir.resolve(SharingAgreements.FILE), "version: x\n");
        assertThat(AnshinConfig.load(dir).sharingAgreements().agreements()).isEmpty();
    }

    @Test
    void everyKeyIsDeclaredOnceWithADescription() {
        Deque<Shape> shapes = new ArrayDeque<>(List.of(Secretariats.FILE_SHAPE, SharingAgreements.FILE_SHAPE));
        while (!shapes.isEmpty()) {
            Set<String> names = new HashSet<>();
            for (Key key : shapes.pop().keys()) {
                assertThat(names.add(key.name())).as(key.name()).isTrue();
                assertThat(key.description()).as(key.name()).isNotBlank();
                if (key.shape() != null) {
                    shapes.push(key.shape());
                }
            }
        }
    }

    // --- helpers

    private void copyTables() throws IOException {
        for (String f : new String[] {"verification-levels.yaml", "ceptoars.yaml", "operators.yaml", "interdependency.yaml"}) {
            Files.copy(AnshinConfigTest.SHIPPED.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private AnshinConfig loadWith(String entries) throws IOException {
        copyTables();
        Files.writeString(dir.resolve(Secretariats.FILE), "version: test\nsecretariats:\n" + entries);
        return AnshinConfig.load(dir);
    }

    private void refused(String entries, String entry, String... messages) throws IOException {
        var thrown = assertThatThrownBy(() -> loadWith(entries)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(Secretariats.FILE).hasMessageContaining(entry);
        for (String m : messages) {
            thrown.hasMessageContaining(m);
        }
    }

    private void agreementRefused(String entries, String entry, String message) throws IOException {
        copyTables();
        Files.writeString(dir.resolve(SharingAgreements.FILE), "version: test\nagreements:\n" + entries);
        assertThatThrownBy(() -> AnshinConfig.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SharingAgreements.FILE).hasMessageContaining(entry).hasMessageContaining(message);
    }
}
