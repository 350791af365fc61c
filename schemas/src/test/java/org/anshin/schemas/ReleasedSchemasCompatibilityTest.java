package org.anshin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The build check: every current schema must read data written with its released version (BACKWARD). */
class ReleasedSchemasCompatibilityTest {

    static Stream<Arguments> released() {
        return Stream.of(
                Arguments.of("IncidentReport", IncidentReport.getClassSchema()),
                Arguments.of("IncidentNotice", IncidentNotice.getClassSchema()),
                Arguments.of("DeliveryReceipt", DeliveryReceipt.getClassSchema()));
    }

    @ParameterizedTest(name = "{0} is BACKWARD compatible with its released version")
    @MethodSource("released")
    void currentSchemaReadsReleasedData(String name, Schema current) throws IOException {
        Schema released = new Schema.Parser().parse(Files.readString(Path.of("released", name + ".avsc")));
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        assertThat(result.getType())
                .as("%s: %s", name, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void theCheckRejectsABreakingChange() {
        // a new required field without default cannot read old data: the check above must catch that
        Schema released = IncidentReport.getClassSchema();
        String breaking = released.toString().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"mandatoryNew\",\"type\":\"string\"},");
        Schema changed = new Schema.Parser().parse(breaking);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void everyFieldIsDocumented() {
        released().forEach(args -> {
            Schema schema = (Schema) args.get()[1];
            assertThat(schema.getFields()).allSatisfy(f -> assertThat(f.doc()).as(schema.getName() + "." + f.name()).isNotBlank());
        });
        assertThat(Impact.getClassSchema().getFields()).allSatisfy(f -> assertThat(f.doc()).isNotBlank());
    }
}
