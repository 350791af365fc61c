package org.anshin.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.Samples;
import org.anshin.schemas.registry.InMemorySchemaRegistry;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final ConfluentAvroSerde<IncidentReport> serde =
            ConfluentAvroSerde.forValue(IncidentReport.class, registry, true);

    @Test
    void writesConfluentFramingAndReadsItBack() {
        IncidentReport report = Samples.report("r-1");
        byte[] bytes = serde.serializer().serialize("incidents.reports", report);

        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.byId(id)).isEqualTo(IncidentReport.getClassSchema());
        assertThat(registry.idOf("incidents.reports-value", IncidentReport.getClassSchema())).isEqualTo(id);
        assertThat(serde.deserializer().deserialize("incidents.reports", bytes)).isEqualTo(report);
    }

    @Test
    void nullIsATombstone() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void bytesWithoutMagicByteArePoisonNotACrash() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 0, 0, 99, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema id 99");
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsRefused() {
        ConfluentAvroSerde<IncidentReport> strict = ConfluentAvroSerde.forValue(IncidentReport.class, registry, false);
        assertThatThrownBy(() -> strict.serializer().serialize("never-registered", Samples.report("r")))
                .isInstanceOf(SchemaRegistryException.NotFound.class);
    }
}
