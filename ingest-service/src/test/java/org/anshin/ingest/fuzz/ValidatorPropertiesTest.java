package org.anshin.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.TestConfig;
import org.anshin.ingest.validation.BodyParser;
import org.anshin.ingest.validation.InvalidReportException;
import org.anshin.ingest.validation.ReportValidator;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.registry.InMemorySchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;

/** Parser + validator alone, many tries with shrinking: malformed bodies are refused, nothing ever crashes. */
class ValidatorPropertiesTest {
    private static final AnshinConfig CONFIG = TestConfig.load();
    private final MalformedBodies generator = new MalformedBodies(CONFIG);
    private final BodyParser parser = new BodyParser();
    private final ReportValidator validator = new ReportValidator(CONFIG.levels());
    private final ConfluentAvroSerde<IncidentReport> serde =
            ConfluentAvroSerde.forValue(IncidentReport.class, new InMemorySchemaRegistry(), true);

    @Provide
    Arbitrary<byte[]> malformed() {
        return generator.bodies();
    }

    @Provide
    Arbitrary<ObjectNode> edited() {
        return generator.editedReports();
    }

    @Property(tries = 3000)
    void malformedBodiesAreRefusedWithFieldErrors(@ForAll("malformed") byte[] body) {
        assertThatThrownBy(() -> validator.validate(parser.parseObject(body), "op", Instant.now()))
                .as(new String(body, StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(InvalidReportException.class, e -> assertThat(e.errors()).isNotEmpty()
                        .allSatisfy(err -> assertThat(err.field()).isNotEmpty()));
    }

    /** Whatever the validator lets through also fits the Avro schema (no failure later, at the producer). */
    @Property(tries = 2000)
    void randomFieldValuesAreRefusedOrFitAvro(@ForAll("edited") ObjectNode body) {
        IncidentReport report;
        try {
            report = validator.validate(parser.parseObject(body.toString().getBytes(StandardCharsets.UTF_8)), "op",
                    Instant.now());
        } catch (InvalidReportException e) {
            assertThat(e.errors()).isNotEmpty();
            return;
        }
        byte[] bytes = serde.serializer().serialize("t", report);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(report);
    }
}
