package org.anshin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Sectors sectors = load();

    private static Sectors load() {
        try {
            return Sectors.load(Path.of("../config"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everySectorOfTheShippedLevelsHasAnOperatorAndImpactBelowItsLevel() throws Exception {
        assertThat(sectors.all()).extracting(Sectors.Sector::code).contains("banking", "telecom", "electricity",
                "government", "water").doesNotHaveDuplicates();
        Sectors.Sector telecom = sectors.all().stream().filter(s -> s.code().equals("telecom")).findFirst()
                .orElseThrow();
        assertThat(JSON.readTree(telecom.impactJson()).path("affectedUsers").asLong()).isLessThan(30_000);
        Sectors.Sector gas = sectors.all().stream().filter(s -> s.code().equals("gas")).findFirst().orElseThrow();
        assertThat(JSON.readTree(gas.impactJson()).path("affectedHouseholds").asLong()).isLessThan(30);
        Sectors.Sector water = sectors.all().stream().filter(s -> s.code().equals("water")).findFirst().orElseThrow();
        assertThat(JSON.readTree(water.impactJson()).path("serviceStopped").asBoolean(true)).isFalse();
        assertThat(JSON.readTree(water.impactJson()).has("waterQualityAbnormal")).isTrue();
    }

    @Test
    void javaRequestsAreNewIncidentsSpreadOverTheSectors() throws Exception {
        Set<String> incidents = new HashSet<>();
        Set<String> seenSectors = new HashSet<>();
        int n = 3 * sectors.all().size();
        for (int i = 0; i < n; i++) {
            Sectors.Sector s = sectors.of(i);
            JsonNode body = JSON.readTree(Reports.initial("tp-run-0-" + i, s));
            incidents.add(body.path("incidentId").asText());
            seenSectors.add(body.path("sector").asText());
            assertThat(body.path("reportType").asText()).isEqualTo("INITIAL");
            assertThat(body.path("exercise").asBoolean(true)).isFalse();
            assertThat(body.path("sector").asText()).isEqualTo(s.code());
        }
        assertThat(incidents).hasSize(n);
        assertThat(seenSectors).hasSize(sectors.all().size());
    }

    @Test
    void wrkScriptsCarryEverySectorAndMakeTheIdFromRunThreadAndCounter() {
        String ingest = LuaScripts.ingest(sectors, "tp-abc1");
        String alerts = LuaScripts.alerts(sectors, "tp-abc1");

        for (Sectors.Sector s : sectors.all()) {
            assertThat(ingest).contains("code = [==[" + s.code() + "]==]", "[==[Bearer " + s.token() + "]==]",
                    "impact = [==[" + s.impactJson() + "]==]");
            assertThat(alerts).contains("[==[" + s.code() + "]==]");
        }
        assertThat(ingest).contains("run = [==[tp-abc1]==]", "\"incidentId\":\"' .. run .. '-' .. tid .. '-' .. counter",
                "\"reportType\":\"INITIAL\"", "\"exercise\":false", "counter = counter + 1");
        assertThat(alerts).contains("\"id\":\"' .. run .. '-' .. tid .. '-' .. counter", "/api/v2/alerts");
        assertThat(Set.of(ingest, alerts)).allSatisfy(script -> assertThat(script)
                .contains("thread:set(\"tid\", #threads)", "ANSHIN-BENCH accepted=%d"));
    }

    @Test
    void luaQuotingRefusesWhatItCannotQuote() {
        assertThat(LuaScripts.lua("{\"a\":\"b\"}")).isEqualTo("[==[{\"a\":\"b\"}]==]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LuaScripts.lua("x]==]y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundRobinCoversEverySectorEvenly() {
        int n = sectors.all().size();
        var counts = java.util.stream.LongStream.range(0, 10L * n).mapToObj(sectors::of)
                .collect(Collectors.groupingBy(Sectors.Sector::code, Collectors.counting()));
        assertThat(counts).hasSize(n).allSatisfy((code, c) -> assertThat(c).isEqualTo(10L));
    }
}
