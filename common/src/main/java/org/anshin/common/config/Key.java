package org.anshin.common.config;

import java.util.List;

/**
 * One key of a config mapping, declared once: the loader validates the file against it (unknown keys,
 * types, required keys) and a configuration reference can be generated from the same declarations.
 *
 * @param fallback    the value an absent (or null) optional key takes; null when the loader derives it
 *                    (the description then says how, e.g. "default: the id")
 * @param shape       the keys of each element (LIST) or of the mapping (MAPPING, SECTION); null for other types
 */
record Key(String name, Type type, boolean required, Object fallback, Shape shape, String description) {

    /** What a key's value must be; {@code expected} completes "'key' must be ...". */
    enum Type {
        TEXT("text"),
        ID("an identifier: a letter or digit, then up to 63 letters, digits, '.', '_' or '-' (no '/', '|' or spaces)"),
        BOOLEAN("true or false"),
        COUNT("a whole number >= 0"),
        POSITIVE_INT("a whole number >= 1"),
        POSITIVE_NUMBER("a number > 0"),
        DURATION("an ISO-8601 duration such as PT10M"),
        TEXT_LIST("a list of text, e.g. [a, b]"),
        HASHES("64 hex digits (the SHA-256 of the token, never the token itself), or a list of them while rotating"),
        LIST("a non-empty list of mappings"),
        MAPPING("a mapping"),
        /** An optional mapping whose absence means "not declared" ({@link Entry#has} is false), not its defaults. */
        SECTION("a mapping"),
        RAW_LIST("a list");

        final String expected;

        Type(String expected) {
            this.expected = expected;
        }
    }

    static Key required(String name, Type type, String description) {
        return new Key(name, type, true, null, null, description);
    }

    static Key optional(String name, Type type, Object fallback, String description) {
        return new Key(name, type, false, fallback, null, description);
    }

    /** A required, non-empty list whose elements are mappings of {@code shape}. */
    static Key list(String name, Shape shape, String description) {
        return new Key(name, Type.LIST, true, null, shape, description);
    }

    /** An optional list of mappings of {@code shape}; absent means none (written, it must not be empty). */
    static Key optionalList(String name, Shape shape, String description) {
        return new Key(name, Type.LIST, false, List.of(), shape, description);
    }

    /** An optional nested mapping of {@code shape}; absent means every nested key takes its fallback. */
    static Key mapping(String name, Shape shape, String description) {
        return new Key(name, Type.MAPPING, false, null, shape, description);
    }

    /**
     * An optional nested mapping of {@code shape} that may be left out altogether: absent means not declared
     * (its required keys are required only when it is written), e.g. an operator's service level.
     */
    static Key section(String name, Shape shape, String description) {
        return new Key(name, Type.SECTION, false, null, shape, description);
    }
}
