package org.anshin.common.config;

/**
 * One way to exceed a verification level or to breach an operator's service level: an impact count at
 * or above {@code atLeast} (the seed says 以上, so inclusive), or an impact flag that is true.
 */
public record Condition(String field, ImpactFields.Kind kind, long atLeast) {

    public static Condition count(String field, long atLeast) {
        return new Condition(field, ImpactFields.Kind.COUNT, atLeast);
    }

    public static Condition flag(String field) {
        return new Condition(field, ImpactFields.Kind.FLAG, 1);
    }

    public String describe() {
        return kind == ImpactFields.Kind.FLAG ? field + " = true" : field + " >= " + atLeast;
    }
}
