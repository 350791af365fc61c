package org.anshin.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.anshin.tools.replay.Scenario;
import org.anshin.tools.replay.ScenarioStep;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void relativeTimesAndRunIdAreResolvedAndReportIdsGenerated() {
        Scenario s = Scenario.parse("t", List.of(
                "# comment",
                "{\"at\": 1.5, \"token\": \"demo-gas\", \"report\": {\"incidentId\": \"gas-{{run}}\", \"occurredAt\": \"-PT10M\","
                        + " \"detectedAt\": \"+PT5S\", \"resolvedAt\": \"2026-11-25T09:00:00+09:00\", \"impact\": {\"note\": \"{{run}}\"}}}",
                "{\"at\": 0, \"token\": \"demo-gas\", \"report\": {\"incidentId\": \"first\"}}"));
        assertThat(s.steps()).extracting(st -> st.at()).containsExactly(Duration.ZERO, Duration.ofMillis(1500));

        ObjectNode body = Scenario.materialise(s.steps().get(1), START, "run42");
        assertThat(body.get("incidentId").asText()).isEqualTo("gas-run42");
        assertThat(body.at("/impact/note").asText()).isEqualTo("run42");
        assertThat(OffsetDateTime.parse(body.get("occurredAt").asText()).toInstant()).isEqualTo(START.minusSeconds(600));
        assertThat(OffsetDateTime.parse(body.get("detectedAt").asText()).toInstant()).isEqualTo(START.plusSeconds(5));
        assertThat(body.get("resolvedAt").asText()).isEqualTo("2026-11-25T09:00:00+09:00");
        assertThat(body.get("reportId").asText()).hasSize(36);
        assertThat(Scenario.materialise(s.steps().get(1), START, "run42").get("reportId").asText())
                .as("a new reportId per send, so a rerun is not swallowed by dedup")
                .isNotEqualTo(body.get("reportId").asText());
    }

    @Test
    void badLinesAreNamed() {
        assertThatThrownBy(() -> Scenario.parse("drill.jsonl", List.of("{\"at\": 0}")))
                .hasMessageContaining("drill.jsonl:1");
        assertThatThrownBy(() -> Scenario.parse("drill.jsonl", List.of("", "not json")))
                .hasMessageContaining("drill.jsonl:2").hasMessageContaining("not JSON");
    }

    @Test
    void everyShippedScenarioParsesAndTheDrillIsAllExercise() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "scenarios"))) {
            List<java.nio.file.Path> all = files.filter(f -> f.toString().endsWith(".jsonl")).toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(2);
            for (java.nio.file.Path f : all) {
                assertThat(Scenario.read(f).steps()).as(f.toString()).isNotEmpty();
            }
        }
        assertThat(Scenario.read(java.nio.file.Path.of("..", "scenarios", "drill.jsonl")).steps())
                .allSatisfy(st -> assertThat(st.report().get("exercise").asBoolean()).isTrue());
    }

    @Test
    void shippedDemoScenarioParses() throws Exception {
        Scenario demo = ToolsMain.demoScenario();
        assertThat(demo.steps()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(demo.steps()).anySatisfy(st -> assertThat(st.report().get("tlp").asText()).isEqualTo("RED"));
        assertThat(demo.steps()).anySatisfy(st -> assertThat(st.report().get("exercise").asBoolean()).isTrue());
    }

    @Test
    void theDemoIssuesAnAdvisoryAndAnOperatorAnswersIt() throws Exception {
        Scenario demo = ToolsMain.demoScenario();
        var advisory = demo.steps().stream().filter(st -> st.kind() == ScenarioStep.Kind.ADVISORY).findFirst().orElseThrow();
        var feedback = demo.steps().stream().filter(st -> st.kind() == ScenarioStep.Kind.FEEDBACK).findFirst().orElseThrow();
        assertThat(advisory.token()).isEqualTo("demo-nisc");
        assertThat(feedback.at()).isGreaterThan(advisory.at());
        java.time.Instant start = java.time.Instant.parse("2026-12-01T00:00:00Z");
        String issued = Scenario.materialise(advisory, start, "run1").get("advisoryId").asText();
        assertThat(java.util.UUID.fromString(issued)).isNotNull();
        assertThat(Scenario.materialise(feedback, start, "run1").get("advisoryId").asText()).isEqualTo(issued);
        assertThat(Scenario.materialise(advisory, start, "run2").get("advisoryId").asText()).isNotEqualTo(issued);
        assertThat(Scenario.materialise(advisory, start, "run1").has("reportId")).isFalse();
    }
}
