package org.anshin.routing.incident;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Impact;
import org.apache.avro.Schema;

/** Impact as a plain map of the reported (non-null) fields, the form the state store and JSON keep. */
public final class ImpactValues {
    /** A count that moves by at least this fraction of its previous value is a material change. */
    static final double MATERIAL_FRACTION = 0.10;

    private ImpactValues() {
    }

    public static Map<String, Object> of(Impact impact) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (impact == null) {
            return out;
        }
        for (Schema.Field f : Impact.getClassSchema().getFields()) {
            Object v = impact.get(f.pos());
            if (v != null) {
                out.put(f.name(), v instanceof Integer i ? Long.valueOf(i) : v);
            }
        }
        return out;
    }

    public static Impact toAvro(Map<String, Object> values) {
        Impact impact = new Impact();
        values.forEach((name, v) -> {
            Schema.Field f = Impact.getClassSchema().getField(name);
            if (f != null) {
                impact.put(f.pos(), INT_FIELD[f.pos()] && v instanceof Number n ? Integer.valueOf(n.intValue())
                        : v instanceof Number n ? Long.valueOf(n.longValue()) : v);
            }
        });
        return impact;
    }

    /** Which Impact fields are Avro ints, by position: looked up once, not per notice (it showed in the profile). */
    private static final boolean[] INT_FIELD = intFields();

    private static boolean[] intFields() {
        List<Schema.Field> fields = Impact.getClassSchema().getFields();
        boolean[] out = new boolean[fields.size()];
        for (Schema.Field f : fields) {
            out[f.pos()] = f.schema().getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.INT);
        }
        return out;
    }

    /** Latest values win field by field; a field the update leaves out keeps its last value. */
    public static Map<String, Object> merge(Map<String, Object> previous, Map<String, Object> update) {
        Map<String, Object> out = new LinkedHashMap<>(previous);
        out.putAll(update);
        return out;
    }

    /**
     * Material = a flag flipped, a field appeared or disappeared, or a count moved by at least 10 %:
     * receivers are paged for these, not for 30,000 users becoming 30,012.
     */
    public static boolean materiallyDifferent(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return true;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            if (x instanceof Number nx && y instanceof Number ny) {
                long before = nx.longValue();
                long after = ny.longValue();
                if (Math.abs(after - before) >= Math.max(1, Math.ceil(Math.abs(before) * MATERIAL_FRACTION))) {
                    return true;
                }
            } else if (!x.equals(y)) {
                return true;
            }
        }
        return false;
    }
}
