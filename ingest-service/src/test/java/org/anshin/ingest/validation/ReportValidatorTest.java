package org.anshin.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.Reports;
import org.anshin.ingest.TestConfig;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportValidatorTest {
    private static final AnshinConfig CONFIG = TestConfig.load();
    private final ReportValidator validator = new ReportValidator(CONFIG.levels());
    private final BodyParser parser = new BodyParser();
    private final Instant now = Instant.now();

    private IncidentReport valid(ObjectNode body) throws InvalidReportException {
        return validator.validate(body, "op-1", now);
    }

    private List<FieldError> errors(ObjectNode body) {
        return catchThrowableOfType(InvalidReportException.class, () -> valid(body)).errors();
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"telecom", "broadcasting", "banking", "life-insurance", "non-life-insurance", "securities",
            "aviation", "railway", "electricity", "gas", "government", "medical", "water", "logistics"})
    void aValidReportOfEverySectorBecomesAnAvroReport(String sector) throws Exception {
        ObjectNode body = Reports.valid(CONFIG, sector);
        IncidentReport report = valid(body);
        assertThat(report.getSector()).isEqualTo(sector);
        assertThat(report.getOperatorId()).isEqualTo("op-1");
        assertThat(report.getIncidentId()).isEqualTo(body.get("incidentId").textValue());
        assertThat(report.getReceivedAt()).isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(report.getOccurredAt()).isEqualTo(OffsetDateTime.parse(body.get("occurredAt").textValue()).toInstant());
        assertThat(report.getTlp()).isEqualTo(Tlp.GREEN);
    }

    @Test
    void amberStrictAndDefaultsAreMapped() throws Exception {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        body.put("tlp", "AMBER+STRICT");
        assertThat(valid(body).getTlp()).isEqualTo(Tlp.AMBER_STRICT);
        body.remove("tlp");
        body.remove("exercise");
        body.remove("ciaImpact");
        IncidentReport r = valid(body);
        assertThat(r.getTlp()).isEqualTo(Tlp.AMBER);
        assertThat(r.getExercise()).isFalse();
        assertThat(r.getCiaImpact()).isEmpty();
        body.put("tlp", "AMBER_STRICT");
        assertThat(fields(errors(body))).containsExactly("tlp");
    }

    @Test
    void everyErrorIsReportedAtOnceNamingEachField() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        body.put("reportId", "not-a-uuid");
        body.put("reportType", "initial");
        body.put("cause", 3);
        body.put("exercise", "false");
        body.remove("summary");
        body.put("operatorId", "someone-else");
        ((ObjectNode) body.get("impact")).remove("supplyLossKw");
        ((ObjectNode) body.get("impact")).put("supplyLossKW", 150000);
        assertThat(fields(errors(body))).containsExactlyInAnyOrder("reportId", "reportType", "cause", "exercise",
                "summary", "operatorId", "impact.supplyLossKW", "impact.supplyLossKw");
    }

    @Test
    void sectorsRequireTheirImpactFields() {
        ObjectNode gas = Reports.valid(CONFIG, "gas");
        ((ObjectNode) gas.get("impact")).removeAll();
        assertThat(errors(gas)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("impact.affectedHouseholds");
            assertThat(e.message()).contains("gas");
        });
        ObjectNode telecom = Reports.valid(CONFIG, "telecom");
        ((ObjectNode) telecom.get("impact")).putNull("affectedUsers");
        assertThat(fields(errors(telecom))).containsExactly("impact.affectedUsers");
        ObjectNode water = Reports.valid(CONFIG, "water");
        water.remove("impact");
        assertThat(fields(errors(water))).containsExactly("impact");
    }

    @Test
    void impactValuesAreCheckedByKind() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        ObjectNode impact = (ObjectNode) body.get("impact");
        impact.put("supplyLossKw", -1);
        impact.put("affectedUsers", 1.5);
        impact.put("cancelledFlights", 3_000_000_000L);
        impact.put("serviceStopped", "yes");
        impact.put("affectedHouseholds", "12");
        impact.put("cargoLost", 1);
        assertThat(fields(errors(body))).containsExactlyInAnyOrder("impact.supplyLossKw", "impact.affectedUsers",
                "impact.cancelledFlights", "impact.serviceStopped", "impact.affectedHouseholds", "impact.cargoLost");
    }

    @Test
    void timesNeedAnOffsetAndAnOrder() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        body.put("occurredAt", "2026-11-25T09:00:00");
        body.put("detectedAt", "yesterday");
        assertThat(fields(errors(body))).containsExactlyInAnyOrder("occurredAt", "detectedAt");

        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.ofHours(9));
        body.put("occurredAt", t.minusMinutes(1).toString());
        body.put("detectedAt", t.minusMinutes(2).toString());
        assertThat(fields(errors(body))).containsExactly("detectedAt");

        body.put("detectedAt", t.plusMinutes(10).toString());
        assertThat(errors(body)).singleElement().satisfies(e -> assertThat(e.message()).contains("future"));

        body.put("detectedAt", "+999999999-12-31T23:59:59Z");
        body.put("occurredAt", "-999999999-01-01T00:00:00Z");
        assertThat(fields(errors(body))).containsExactlyInAnyOrder("occurredAt", "detectedAt");
    }

    @Test
    void resolvedAtOnlyWithResolvedAndAfterOccurrence() throws Exception {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
        body.put("resolvedAt", t.toString());
        assertThat(fields(errors(body))).containsExactly("resolvedAt");

        body.put("reportType", "RESOLVED");
        assertThat(valid(body).getReportType()).isEqualTo(ReportType.RESOLVED);

        body.put("resolvedAt", t.minusHours(2).toString());
        assertThat(fields(errors(body))).containsExactly("resolvedAt");

        body.putNull("resolvedAt");
        assertThat(errors(body)).singleElement().satisfies(e -> assertThat(e.message()).contains("required"));
    }

    @Test
    void textIsBoundedAndClean() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        body.put("summary", "x".repeat(ReportValidator.MAX_SUMMARY_LENGTH + 1));
        body.put("incidentId", "a/b");
        assertThat(fields(errors(body))).containsExactlyInAnyOrder("summary", "incidentId");
        body.put("summary", "line\u0000break");
        body.put("incidentId", "i".repeat(129));
        assertThat(fields(errors(body))).containsExactlyInAnyOrder("summary", "incidentId");
        body.put("summary", "lone \uD800 surrogate");
        body.put("incidentId", "ok-1");
        assertThat(fields(errors(body))).containsExactly("summary");
        body.put("summary", "multi\nline\twith 絵文字 😀");
        assertThat(catchThrowableOfType(InvalidReportException.class, () -> valid(body))).isNull();
    }

    @Test
    void ciaImpactIsASetOfKnownValues() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        body.putArray("ciaImpact").add("AVAILABILITY").add("AVAILABILITY").add("SAFETY");
        assertThat(fields(errors(body))).containsExactly("ciaImpact[1]", "ciaImpact[2]");
        body.put("ciaImpact", "AVAILABILITY");
        assertThat(fields(errors(body))).containsExactly("ciaImpact");
    }

    @Test
    void unknownSectorIsNamed() {
        ObjectNode body = Reports.valid(CONFIG, "electricity");
        body.put("sector", "nuclear");
        assertThat(fields(errors(body))).containsExactly("sector");
    }

    @Test
    void parserRefusesNonUtf8DuplicatesTrailingGarbageAndNonObjects() {
        for (byte[] bad : List.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8),
                "{\"a\":1} {}".getBytes(StandardCharsets.UTF_8),
                "[1,2]".getBytes(StandardCharsets.UTF_8),
                "".getBytes(StandardCharsets.UTF_8),
                "{\"a\":NaN}".getBytes(StandardCharsets.UTF_8),
                "[".repeat(5000).getBytes(StandardCharsets.UTF_8))) {
            InvalidReportException e = catchThrowableOfType(InvalidReportException.class, () -> parser.parseObject(bad));
            assertThat(e).as(new String(bad, StandardCharsets.UTF_8)).isNotNull();
            assertThat(fields(e.errors())).containsExactly("body");
        }
    }
}
