package org.anshin.common.config;

import java.util.Map;
import java.util.stream.Collectors;
import org.anshin.schemas.Impact;
import org.apache.avro.Schema;

/** Impact field names and kinds, read from the Avro schema so config and records can never drift. */
public final class ImpactFields {
    public enum Kind { COUNT, FLAG }

    private static final Map<String, Kind> KINDS = Impact.getClassSchema().getFields().stream()
            .collect(Collectors.toUnmodifiableMap(Schema.Field::name, ImpactFields::kindOf));

    private ImpactFields() {
    }

    public static Map<String, Kind> all() {
        return KINDS;
    }

    public static Kind kind(String field) {
        return KINDS.get(field);
    }

    private static Kind kindOf(Schema.Field field) {
        for (Schema branch : field.schema().getTypes()) {
            if (branch.getType() == Schema.Type.BOOLEAN) {
                return Kind.FLAG;
            }
        }
        return Kind.COUNT;
    }
}
