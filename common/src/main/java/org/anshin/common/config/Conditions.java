package org.anshin.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The keys and parsing of a threshold condition, shared by a sector's verification level
 * ({@code exceedsWhen}) and an operator's service level ({@code breachedWhen}): one reading, so both
 * refuse the same mistakes with the same messages.
 */
final class Conditions {
    // which of atLeast / isTrue applies depends on the impact field's kind
    static final Key FIELD = Key.required("field", Key.Type.TEXT, "impact field of the report (schemas: Impact)");
    static final Key AT_LEAST = Key.optional("atLeast", Key.Type.COUNT, null,
            "count fields: met when the count is at least this (inclusive, 以上)");
    static final Key IS_TRUE = Key.optional("isTrue", Key.Type.BOOLEAN, null,
            "flag fields: must be true; met when the flag is true");
    static final Shape SHAPE = new Shape(null, FIELD, AT_LEAST, IS_TRUE);

    private Conditions() {
    }

    static List<Condition> read(List<Entry> entries) {
        List<Condition> out = new ArrayList<>(entries.size());
        for (Entry c : entries) {
            out.add(read(c));
        }
        return List.copyOf(out);
    }

    static Condition read(Entry c) {
        String field = c.text(FIELD);
        if (requireImpactField(c, field) == ImpactFields.Kind.FLAG) {
            if (c.has(AT_LEAST)) {
                throw c.error("flag condition on '" + field + "' takes 'isTrue: true', not 'atLeast'");
            }
            if (!c.has(IS_TRUE) || !c.bool(IS_TRUE)) {
                throw c.error("flag condition on '" + field + "' needs 'isTrue: true'");
            }
            return Condition.flag(field);
        }
        if (c.has(IS_TRUE)) {
            throw c.error("count condition on '" + field + "' takes 'atLeast: <whole number >= 0>', not 'isTrue'");
        }
        if (!c.has(AT_LEAST)) {
            throw c.error("missing threshold: count condition on '" + field + "' needs 'atLeast: <whole number >= 0>'");
        }
        return Condition.count(field, c.count(AT_LEAST));
    }

    static ImpactFields.Kind requireImpactField(Entry e, String field) {
        ImpactFields.Kind kind = ImpactFields.kind(field);
        if (kind == null) {
            throw e.error("unknown impact field '" + field + "' (known: " + new TreeSet<>(ImpactFields.all().keySet()) + ")");
        }
        return kind;
    }
}
