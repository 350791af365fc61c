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
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #10: every file refuses unknown keys, wrong types and unsafe ids, naming file, entry and key. */
class ConfigKeysTest {
    private static final String LEVELS = VerificationLevels.FILE;
    private static final String CEPTOARS = Ceptoars.FILE;
    private static final String OPERATORS = Operators.FILE;
    private static final String INTERDEPENDENCY = Interdependency.FILE;
    private static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    // --- verification-levels.yaml

    @Test
    void aMisspelledMinDurationDoesNotSilentlyDropTelecomsTwoHours() throws IOException {
        refusedAfter(LEVELS, "    minDuration: PT2H\n", "    minDuraton: PT2H\n",
                "sector 'telecom'", "'minDuraton'")
                .hasMessageContaining("unknown key")
                .hasMessageContaining("did you mean 'minDuration'?")
                .hasMessageContaining("known keys: sector, ceptoar, name, level, levelJa, requiredImpact, exceedsWhen, minDuration, planSector");
    }

    @Test
    void unknownKeysAreRefusedAtTheTopLevelAndInConditions() throws IOException {
        refusedAfter(LEVELS, "version: 2026-04\n", "versoin: 2026-04\n", "top level", "'versoin'")
                .hasMessageContaining("did you mean 'version'?");
        refusedAfter(LEVELS, "{field: affectedUsers, atLeast: 30000}", "{field: affectedUsers, atleast: 30000}",
                "sector 'telecom' exceedsWhen[0]", "'atleast'")
                .hasMessageContaining("did you mean 'atLeast'?");
    }

    @Test
    void aFarOffKeyGetsNoSuggestion() throws IOException {
        refusedAfter(LEVELS, "    minDuration: PT2H\n", "    owner: ops\n", "sector 'telecom'", "'owner'")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void atLeastMustBeAWholeNonNegativeNumber() throws IOException {
        for (String bad : List.of("\"abc\"", "-1", "1.5", "\"30000\"", "[1]")) {
            refusedAfter(LEVELS, "atLeast: 30000}", "atLeast: " + bad + "}", "sector 'telecom' exceedsWhen[0]",
                    "'atLeast'").hasMessageContaining("must be a whole number >= 0");
        }
    }

    @Test
    void isTrueMustBeTheBooleanTrue() throws IOException {
        for (String bad : List.of("\"yes\"", "\"true\"", "1")) {
            refusedAfter(LEVELS, "{field: serviceStopped, isTrue: true}\n  - sector: banking",
                    "{field: serviceStopped, isTrue: " + bad + "}\n  - sector: banking",
                    "sector 'broadcasting' exceedsWhen[0]", "'isTrue'").hasMessageContaining("must be true or false");
        }
        refusedAfter(LEVELS, "{field: serviceStopped, isTrue: true}\n  - sector: banking",
                "{field: serviceStopped, isTrue: false}\n  - sector: banking", "sector 'broadcasting'", "'isTrue: true'");
        // unquoted yes is YAML 1.1's boolean true (the parser's reading, not ours): it is a boolean, so it loads
        copyShipped();
        edit(LEVELS, "{field: serviceStopped, isTrue: true}\n  - sector: banking",
                "{field: serviceStopped, isTrue: yes}\n  - sector: banking");
        assertThat(AnshinConfig.load(dir).levels().of("broadcasting").orElseThrow().exceedsWhen())
                .containsExactly(Condition.flag("serviceStopped"));
    }

    @Test
    void aConditionTakesTheThresholdOfItsFieldsKind() throws IOException {
        refusedAfter(LEVELS, "{field: affectedUsers, atLeast: 30000}", "{field: affectedUsers, isTrue: true}",
                "sector 'telecom'", "'isTrue'").hasMessageContaining("count condition on 'affectedUsers'");
        refusedAfter(LEVELS, "{field: serviceStopped, isTrue: true}\n  - sector: banking",
                "{field: serviceStopped, isTrue: true, atLeast: 1}\n  - sector: banking",
                "sector 'broadcasting'", "'atLeast'").hasMessageContaining("flag condition on 'serviceStopped'");
    }

    @Test
    void textKeysRefuseMappingsListsAndBooleans() throws IOException {
        refusedAfter(LEVELS, "    name: Telecommunications (情報通信・電気通信)\n", "    name: {en: Telecom}\n",
                "sector 'telecom'", "'name'").hasMessageContaining("must be text (got a mapping)");
        refusedAfter(LEVELS, "    levelJa: 放送の停止\n", "    levelJa: [放送の停止]\n",
                "sector 'broadcasting'", "'levelJa'").hasMessageContaining("must be text (got a list)");
        refusedAfter(LEVELS, "    ceptoar: gas\n", "    ceptoar: true\n", "sector 'gas'", "'ceptoar'");
    }

    @Test
    void aNumberMeantAsTextIsText() throws IOException {
        copyShipped();
        edit(LEVELS, "version: 2026-04\n", "version: 2026\n");
        edit(LEVELS, "    levelJa: 放送の停止\n", "    levelJa: 1\n");
        AnshinConfig config = AnshinConfig.load(dir);
        assertThat(config.levels().version()).isEqualTo("2026");
        assertThat(config.levels().of("broadcasting").orElseThrow().levelJa()).isEqualTo("1");
    }

    @Test
    void listsOfFieldsAndConditionsMustHaveTheirShape() throws IOException {
        refusedAfter(LEVELS, "requiredImpact: [affectedUsers]", "requiredImpact: [{field: affectedUsers}]",
                "sector 'telecom'", "'requiredImpact[0]'").hasMessageContaining("must be text (got a mapping)");
        refusedAfter(LEVELS, "requiredImpact: [affectedUsers]", "requiredImpact: affectedUsers",
                "sector 'telecom'", "'requiredImpact'").hasMessageContaining("write [affectedUsers]");
        refusedAfter(LEVELS, "    exceedsWhen:\n      - {field: affectedUsers, atLeast: 30000}\n",
                "    exceedsWhen: {field: affectedUsers, atLeast: 30000}\n", "sector 'telecom'", "'exceedsWhen'")
                .hasMessageContaining("must be a non-empty list of mappings (got a mapping)");
        refusedAfter(LEVELS, "{field: affectedUsers, atLeast: 30000}", "affectedUsers",
                "sector 'telecom' exceedsWhen[0]", "field, atLeast, isTrue").hasMessageContaining("must be a mapping");
    }

    @Test
    void planSectorGroupsSubSectorsAndDefaultsToTheSectorCode() throws IOException {
        copyShipped();
        AnshinConfig shipped = AnshinConfig.load(dir);
        assertThat(shipped.levels().of("banking").orElseThrow().planSector()).isEqualTo("finance");
        assertThat(shipped.levels().of("broadcasting").orElseThrow().planSector())
                .isEqualTo("information-and-communications");
        assertThat(shipped.levels().bySector().values()).extracting(SectorLevel::planSector).as("the plan's 10 sectors")
                .containsOnly("information-and-communications", "finance", "aviation", "railway", "electricity",
                        "gas", "government", "medical", "water", "logistics");
        edit(LEVELS, "    planSector: gas\n", "");
        assertThat(AnshinConfig.load(dir).levels().of("gas").orElseThrow().planSector()).isEqualTo("gas");
    }

    @Test
    void planSectorMustBeAnIdAndIsSpelledOneWay() throws IOException {
        refusedAfter(LEVELS, "    planSector: finance\n", "    planSector: [finance]\n", "sector 'banking'",
                "'planSector'").hasMessageContaining("must be an identifier");
        refusedAfter(LEVELS, "    planSector: finance\n", "    planSector: \"finance and insurance\"\n",
                "sector 'banking'", "'planSector'").hasMessageContaining("must be an identifier");
        refusedAfter(LEVELS, "    planSector: finance\n", "    plansector: finance\n", "sector 'banking'",
                "'plansector'").hasMessageContaining("did you mean 'planSector'?");
    }

    @Test
    void minDurationMustBeAnIsoDuration() throws IOException {
        refusedAfter(LEVELS, "    minDuration: PT2H\n", "    minDuration: 2 hours\n", "sector 'telecom'", "'minDuration'")
                .hasMessageContaining("ISO-8601 duration");
        refusedAfter(LEVELS, "    minDuration: PT2H\n", "    minDuration: {hours: 2}\n", "sector 'telecom'", "'minDuration'");
    }

    @Test
    void sectorCodesMustBeSafeInKafkaKeys() throws IOException {
        for (String bad : List.of("\"tele com\"", "tele/com", "\"tele|com\"", "-telecom", "x".repeat(65))) {
            refusedAfter(LEVELS, "  - sector: telecom\n", "  - sector: " + bad + "\n", "sectors[0]", "'sector'")
                    .hasMessageContaining("must be an identifier");
        }
    }

    @Test
    void aKeyWrittenTwiceIsRefused() throws IOException {
        refusedAfter(LEVELS, "    minDuration: PT10M\n", "    minDuration: PT10M\n    minDuration: PT1M\n",
                "not valid YAML", "minDuration").hasMessageContaining("Duplicate");
    }

    // --- ceptoars.yaml

    @Test
    void ceptoarEntriesRefuseUnknownKeysAndWrongTypes() throws IOException {
        refusedAfter(CEPTOARS, "    topic: ceptoar.water.incidents\n", "    topik: ceptoar.water.incidents\n",
                "CEPTOAR 'water'", "'topik'").hasMessageContaining("did you mean 'topic'?")
                .hasMessageContaining("known keys: id, name, topic, channels");
        refusedAfter(CEPTOARS, "version: 2026-04\n", "version: 2026-04\nchannels: []\n", "top level", "'channels'");
        refusedAfter(CEPTOARS, "    topic: ceptoar.water.incidents\n", "    topic: [ceptoar.water.incidents]\n",
                "CEPTOAR 'water'", "'topic'").hasMessageContaining("must be text");
        refusedAfter(CEPTOARS, "    name: GAS CEPTOAR (Japan Gas Association)\n", "    name: {ja: GAS}\n",
                "CEPTOAR 'gas'", "'name'");
        refusedAfter(CEPTOARS, "  - id: water\n", "  - id: wa|ter\n", "ceptoars[", "'id'")
                .hasMessageContaining("must be an identifier");
    }

    @Test
    void channelsMustBeAListButTheirEntriesAreNotifierServicesToCheck() throws IOException {
        copyShipped();
        edit(CEPTOARS, "        url: http://127.0.0.1:9199/hook/gas\n", "        urll: http://127.0.0.1:9199/hook/gas\n");
        assertThat(AnshinConfig.load(dir).ceptoars().of("gas").orElseThrow().channels().get(0).has("urll")).isTrue();
        refusedAfter(CEPTOARS, "  - id: water\n", "  - id: water\n    topic: t\n    channels: none\n  - id: water-2\n",
                "CEPTOAR 'water'", "'channels'")
                .hasMessageContaining("must be a list");
    }

    @Test
    void theHubMustBeListed() throws IOException {
        copyShipped();
        String ceptoars = Files.readString(dir.resolve(CEPTOARS));
        int nisc = ceptoars.indexOf("  - id: nisc\n");
        assertThat(nisc).isPositive();
        Files.writeString(dir.resolve(CEPTOARS), ceptoars.substring(0, nisc));
        assertThatThrownBy(() -> AnshinConfig.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(CEPTOARS).hasMessageContaining("does not list the hub")
                .hasMessageContaining("id: nisc").hasMessageContaining("nisc.incidents");

    }

    // --- operators.yaml

    @Test
    void operatorEntriesRefuseUnknownKeys() throws IOException {
        refusedOperator("tokenSHA256: " + HASH, "operator 'acme'", "'tokenSHA256'")
                .hasMessageContaining("did you mean 'tokenSha256'?")
                .hasMessageContaining("known keys: id, name, sectors, tokenSha256, rateLimit, serviceLevel");
        refusedOperator("tokenSha256: " + HASH + "\n    rateLimit: {perSec: 5}", "operator 'acme' rateLimit", "'perSec'")
                .hasMessageContaining("did you mean 'perSecond'?");
        copyShipped();
        Files.writeString(dir.resolve(OPERATORS), "operator:\n  - id: acme\n");
        assertRefused(OPERATORS, "top level", "'operator'").hasMessageContaining("did you mean 'operators'?");
    }

    @Test
    void rateLimitsMustBeNumbers() throws IOException {
        refusedOperator("tokenSha256: " + HASH + "\n    rateLimit: {perSecond: fast}", "operator 'acme' rateLimit",
                "'perSecond'").hasMessageContaining("must be a number > 0 (got text 'fast')");
        refusedOperator("tokenSha256: " + HASH + "\n    rateLimit: {perSecond: 0}", "operator 'acme' rateLimit", "'perSecond'");
        refusedOperator("tokenSha256: " + HASH + "\n    rateLimit: {burst: 1.5}", "operator 'acme' rateLimit", "'burst'")
                .hasMessageContaining("must be a whole number >= 1 (got a number 1.5)");
        refusedOperator("tokenSha256: " + HASH + "\n    rateLimit: 50", "operator 'acme'", "'rateLimit'")
                .hasMessageContaining("must be a mapping");
    }

    @Test
    void rateLimitDefaultsApplyPerKey() throws IOException {
        copyShipped();
        Files.writeString(dir.resolve(OPERATORS), "operators:\n"
                + "  - id: plain\n    sectors: [gas]\n    tokenSha256: " + HASH + "\n"
                + "  - id: bursty\n    sectors: [gas]\n    tokenSha256: " + "b".repeat(64) + "\n    rateLimit: {burst: 5}\n");
        Operators operators = AnshinConfig.load(dir).operators();
        assertThat(operators.byId().get("plain").ratePerSecond()).isEqualTo(Operators.DEFAULT_RATE_PER_SECOND);
        assertThat(operators.byId().get("plain").burst()).isEqualTo(Operators.DEFAULT_BURST);
        assertThat(operators.byId().get("bursty").burst()).isEqualTo(5);
        assertThat(operators.byId().get("bursty").ratePerSecond()).isEqualTo(Operators.DEFAULT_RATE_PER_SECOND);
        assertThat(operators.version()).isEqualTo("unversioned");
    }

    @Test
    void sectorsMustBeAListOfText() throws IOException {
        writeOperator("acme", "electricity", "tokenSha256: " + HASH);
        assertRefused(OPERATORS, "operator 'acme'", "'sectors'")
                .hasMessageContaining("must be a list of text").hasMessageContaining("write [electricity]");
        writeOperator("acme", "[gas, [electricity]]", "tokenSha256: " + HASH);
        assertRefused(OPERATORS, "operator 'acme'", "'sectors[1]'").hasMessageContaining("must be text (got a list)");
    }

    @Test
    void tokenHashOfTheWrongTypeIsRefusedWithoutEchoingIt() throws IOException {
        refusedOperator("tokenSha256: {sha256: " + HASH + "}", "operator 'acme'", "'tokenSha256'")
                .hasMessageContaining("64 hex digits").hasMessageContaining("got a mapping");
        refusedOperator("tokenSha256: 123456789", "operator 'acme'", "'tokenSha256'")
                .hasMessageNotContaining("123456789");
        refusedOperator("tokenSha256: [" + HASH + ", [x]]", "operator 'acme'", "'tokenSha256'");
        refusedOperator("tokenSha256: []", "operator 'acme'", "'tokenSha256'");
        refusedOperator("name: Acme", "operator 'acme'", "'tokenSha256'").hasMessageContaining("has no 'tokenSha256'");
    }

    @Test
    void operatorIdsMustBeSafeInKafkaKeys() throws IOException {
        for (String bad : List.of("acme/east", "\"acme east\"", "\"acme|east\"", "\"\"")) {
            writeOperator(bad, "[gas]", "tokenSha256: " + HASH);
            assertRefused(OPERATORS, "operators[0]", "'id'");
        }
        writeOperator("acme.east_1-a", "[gas]", "tokenSha256: " + HASH);
        assertThat(AnshinConfig.load(dir).operators().byId()).containsKey("acme.east_1-a");
    }

    // --- interdependency.yaml

    @Test
    void notifyCouncilMustBeABoolean() throws IOException {
        refusedAfter(INTERDEPENDENCY, "notifyCouncil: true\n", "notifyCouncil: \"maybe\"\n", "top level", "'notifyCouncil'")
                .hasMessageContaining("must be true or false");
        refusedAfter(INTERDEPENDENCY, "notifyCouncil: true\n", "notifyCouncel: true\n", "top level", "'notifyCouncel'")
                .hasMessageContaining("did you mean 'notifyCouncil'?");
    }

    @Test
    void dependentsMustBeAListOfText() throws IOException {
        refusedAfter(INTERDEPENDENCY, "dependents: [medical, government, electricity, gas]", "dependents: medical",
                "upstream sector 'water'", "'dependents'").hasMessageContaining("must be a list of text");
        refusedAfter(INTERDEPENDENCY, "dependents: [medical, government, electricity, gas]",
                "dependents: [medical, {sector: gas}]", "upstream sector 'water'", "'dependents[1]'");
        refusedAfter(INTERDEPENDENCY, "    dependents: [medical, government, electricity, gas]",
                "    dependent: [medical, government, electricity, gas]", "upstream sector 'water'", "'dependent'")
                .hasMessageContaining("did you mean 'dependents'?");
    }

    @Test
    void anUpstreamSectorListedTwiceIsRefused() throws IOException {
        copyShipped();
        Files.writeString(dir.resolve(INTERDEPENDENCY), "upstream:\n"
                + "  - sector: water\n    dependents: [gas]\n  - sector: water\n    dependents: [medical]\n");
        assertRefused(INTERDEPENDENCY, "upstream sector 'water'", "listed twice");
    }

    // --- the shipped folders and the declarations

    @Test
    void theComposeFolderLoadsWithTheSharedTables() throws IOException {
        copyShipped();
        Files.copy(AnshinConfigTest.SHIPPED.resolveSibling("docker").resolve("config").resolve(CEPTOARS),
                dir.resolve(CEPTOARS), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        AnshinConfig config = AnshinConfig.load(dir);
        assertThat(config.ceptoars().ids()).contains("nisc", "council").hasSize(16);
        assertThat(config.ceptoars().of("nisc").orElseThrow().topic()).isEqualTo("nisc.incidents");
    }

    @Test
    void everyKeyIsDeclaredOnceWithADescription() {
        Deque<Shape> shapes = new ArrayDeque<>(List.of(VerificationLevels.FILE_SHAPE, Ceptoars.FILE_SHAPE,
                Operators.FILE_SHAPE, Interdependency.FILE_SHAPE));
        while (!shapes.isEmpty()) {
            Set<String> names = new HashSet<>();
            for (Key key : shapes.pop().keys()) {
                assertThat(names.add(key.name())).as(key.name()).isTrue();
                assertThat(key.description()).as(key.name()).isNotBlank();
                assertThat(key.shape() != null).as(key.name())
                        .isEqualTo(key.type() == Key.Type.LIST || key.type() == Key.Type.MAPPING
                                || key.type() == Key.Type.SECTION);
                if (key.shape() != null) {
                    shapes.push(key.shape());
                }
            }
        }
    }

    // --- helpers

    /** Copies the shipped config, replaces {@code from} (which must occur) in {@code file}, expects a refusal. */
    private AbstractThrowableAssert<?, ? extends Throwable> refusedAfter(String file, String from, String to,
                                                                       String entry, String key) throws IOException {
        copyShipped();
        edit(file, from, to);
        return assertRefused(file, entry, key);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refusedOperator(String rest, String entry, String key)
            throws IOException {
        copyShipped();
        writeOperator("acme", "[gas]", rest);
        return assertRefused(OPERATORS, entry, key);
    }

    private void writeOperator(String id, String sectors, String rest) throws IOException {
        copyShipped();
        Files.writeString(dir.resolve(OPERATORS), "version: test\noperators:\n  - id: " + id + "\n    sectors: "
                + sectors + "\n    " + rest + "\n");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String file, String entry, String key) {
        return assertThatThrownBy(() -> AnshinConfig.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve(file).toString()).hasMessageContaining(entry).hasMessageContaining(key);
    }

    private void edit(String file, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(file));
        assertThat(text).as("%s holds %s", file, from).contains(from);
        Files.writeString(dir.resolve(file), text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    private void copyShipped() throws IOException {
        for (String f : new String[] {LEVELS, CEPTOARS, OPERATORS, INTERDEPENDENCY}) {
            Files.copy(AnshinConfigTest.SHIPPED.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
