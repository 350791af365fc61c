package org.anshin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.anshin.schemas.FullTransitiveCheck.Released;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build check: every current value schema is FULL_TRANSITIVE compatible with every version of it in
 * {@code schemas/released/<Name>/v<n>.avsc} (the registry's global rule, see released/README.md).
 */
class ReleasedSchemasCompatibilityTest {

    private static final Path RELEASED = Path.of("released");

    /**
     * The value schemas with a released history: what subscribers read (notices, advisories) and what Anshin's
     * own deployments exchange across versions (reports, receipts).
     */
    static final Map<String, Schema> CURRENT = Map.of(
            "IncidentReport", IncidentReport.getClassSchema(),
            "IncidentNotice", IncidentNotice.getClassSchema(),
            "AdvisoryNotice", AdvisoryNotice.getClassSchema(),
            "DeliveryReceipt", DeliveryReceipt.getClassSchema());

    static Stream<Arguments> released() {
        return CURRENT.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} is FULL_TRANSITIVE compatible with its released versions")
    @MethodSource("released")
    void currentSchemaIsFullyCompatibleWithEveryReleasedVersion(String name, Schema current) {
        List<Released> versions = FullTransitiveCheck.versionsIn(RELEASED.resolve(name));
        assertThat(versions).as("released versions of %s", name).isNotEmpty();
        assertThat(versions).extracting(v -> v.schema().getFullName()).containsOnly(current.getFullName());
        assertThat(FullTransitiveCheck.problems(current, versions)).as(name).isEmpty();
    }

    @Test
    void everyReleasedDirectoryIsChecked() throws IOException {
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            assertThat(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(CURRENT.keySet());
        }
    }

    @Test
    void subscriberFacingSchemasAreReleased() {
        // what ceptoar.<id>.incidents, nisc.incidents and ceptoar.<id>.advisories carry
        assertThat(CURRENT).containsKeys("IncidentNotice", "AdvisoryNotice");
    }

    @Test
    void aNewFieldWithoutDefaultIsRefused() {
        // BACKWARD breaks: the new reader finds no value for the field in old data
        Schema released = IncidentNotice.getClassSchema();
        Schema changed = withFirstField(released, "{\"name\":\"mandatoryNew\",\"type\":\"string\"}");
        assertThat(FullTransitiveCheck.problems(changed, List.of(version(released))))
                .singleElement().asString().contains("BACKWARD").contains("mandatoryNew");
    }

    @Test
    void aNewEnumSymbolWithoutEnumDefaultIsRefusedThoughBackwardCompatible() {
        // the new reader reads every old record (BACKWARD holds), but a subscriber still on the released class
        // meets a symbol it does not know and has no default to fall back to: FORWARD breaks
        Schema released = IncidentNotice.getClassSchema();
        Schema changed = new Schema.Parser().parse(released.toString()
                .replace("\"symbols\":[\"NEW\"", "\"symbols\":[\"NEW\",\"BRAND_NEW\""));
        assertThat(changed.getField("noticeType").schema().getEnumSymbols()).contains("BRAND_NEW");
        List<String> problems = FullTransitiveCheck.problems(changed, List.of(version(released)));
        assertThat(problems).singleElement().asString().contains("FORWARD").contains("BRAND_NEW");
    }

    @Test
    void aNewFieldWithDefaultIsAccepted() {
        Schema released = IncidentNotice.getClassSchema();
        Schema changed = withFirstField(released, "{\"name\":\"optionalNew\",\"type\":[\"null\",\"string\"],\"default\":null}");
        assertThat(FullTransitiveCheck.problems(changed, List.of(version(released)))).isEmpty();
    }

    @Test
    void theCheckIsTransitiveNotAgainstTheLatestOnly() {
        // v1 has a required field, v2 made it optional with a default, the current schema drops it: compatible with
        // v2, but a v1 reader finds no value for it, so the check against v1 must fail
        Schema v1 = SchemaBuilder.record("R").namespace("x").fields().requiredString("a").requiredString("b").endRecord();
        Schema v2 = SchemaBuilder.record("R").namespace("x").fields().requiredString("a")
                .name("b").type().stringType().stringDefault("").endRecord();
        Schema current = SchemaBuilder.record("R").namespace("x").fields().requiredString("a").endRecord();
        assertThat(FullTransitiveCheck.problems(current, List.of(version(v2)))).isEmpty();
        assertThat(FullTransitiveCheck.problems(current, List.of(version(v1), version(v2))))
                .singleElement().asString().startsWith("v1").contains("FORWARD");
    }

    @Test
    void everyFieldIsDocumented() {
        CURRENT.forEach((name, schema) -> assertThat(schema.getFields())
                .allSatisfy(f -> assertThat(f.doc()).as(name + "." + f.name()).isNotBlank()));
        assertThat(Impact.getClassSchema().getFields()).allSatisfy(f -> assertThat(f.doc()).isNotBlank());
    }

    private static Released version(Schema schema) {
        return new Released(Path.of("v1"), 1, schema);
    }

    private static Schema withFirstField(Schema schema, String fieldJson) {
        return new Schema.Parser().parse(schema.toString().replaceFirst("\"fields\":\\[", "\"fields\":[" + fieldJson + ","));
    }
}
