package org.anshin.schemas;

import org.apache.avro.specific.SpecificRecordBase;

/**
 * Value equality of generated records that holds for records read back from bytes. Their arrays are Avro's
 * {@code GenericData.Array}, whose {@code equals} compares through {@code GenericData.get()}: a model without the
 * logical-type conversions, so an element holding a nullable timestamp ({@code ["null", timestamp-millis]}, a
 * {@code java.time.Instant}) throws "Unknown datum type java.time.Instant" instead of answering. The generated
 * {@code equals} of a record with such an array therefore throws as soon as it reaches that array. Comparing through
 * the record's own model, which has the conversions its schema names, does not.
 * <p>Avro's public {@code compare} is the ordering one, which refuses maps: no schema here has a map (a test
 * says so), and none sets a field's {@code order}, so every field counts.
 */
public final class AvroEquality {
    private AvroEquality() {
    }

    /** Same schema and same values; {@code null} equals only {@code null}. */
    public static <T extends SpecificRecordBase> boolean same(T a, T b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || !a.getSchema().equals(b.getSchema())) {
            return false;
        }
        return a.getSpecificData().compare(a, b, a.getSchema()) == 0;
    }
}
