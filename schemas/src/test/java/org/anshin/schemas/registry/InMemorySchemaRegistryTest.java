package org.anshin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The in-memory registry applies FULL_TRANSITIVE, as the real registry does. */
class InMemorySchemaRegistryTest {

    private static final Schema V1 = SchemaBuilder.record("R").namespace("x").fields()
            .requiredString("a").requiredString("b").endRecord();
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void aFieldAddedWithDefaultIsAccepted() {
        registry.register("s-value", V1);
        Schema v2 = SchemaBuilder.record("R").namespace("x").fields().requiredString("a").requiredString("b")
                .name("c").type().stringType().stringDefault("").endRecord();
        assertThat(registry.register("s-value", v2)).isNotEqualTo(registry.idOf("s-value", V1));
    }

    @Test
    void aNewEnumSymbolIsRefusedThoughANewReaderReadsOldData() {
        Schema e1 = SchemaBuilder.enumeration("E").namespace("x").symbols("A", "B");
        Schema e2 = SchemaBuilder.enumeration("E").namespace("x").symbols("A", "B", "C");
        registry.register("e-value", e1);
        assertThat(registry.isCompatible("e-value", e2)).as("old readers do not know C").isFalse();
        assertThatThrownBy(() -> registry.register("e-value", e2))
                .isInstanceOf(SchemaRegistryException.Incompatible.class)
                .hasMessageContaining("e-value").hasMessageContaining("FULL_TRANSITIVE");
    }

    @Test
    void everyEarlierVersionIsChecked() {
        // v2 makes b optional, v3 drops it: v3 is fine for v2's readers, not for v1's
        Schema v2 = SchemaBuilder.record("R").namespace("x").fields().requiredString("a")
                .name("b").type().stringType().stringDefault("").endRecord();
        Schema v3 = SchemaBuilder.record("R").namespace("x").fields().requiredString("a").endRecord();
        registry.register("t-value", V1);
        registry.register("t-value", v2);
        assertThat(registry.isCompatible("t-value", v3)).isFalse();

        InMemorySchemaRegistry latestOnly = new InMemorySchemaRegistry();
        latestOnly.register("t-value", v2);
        assertThat(latestOnly.isCompatible("t-value", v3)).isTrue();
    }
}
