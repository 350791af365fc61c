package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One mapping of a config file after {@link Shape#read}: every value already has its declared type, so
 * the getters only pick them (or the key's fallback). Getters take the {@link Key} constant, not a name,
 * so a loader cannot read a key its shape does not declare.
 */
final class Entry {
    private final Path file;
    private final String label;
    private final Shape shape;
    private final Map<String, Object> values;

    Entry(Path file, String label, Shape shape, Map<String, Object> values) {
        this.file = file;
        this.label = label;
        this.shape = shape;
        this.values = values;
    }

    /** How messages name this entry, e.g. {@code sector 'telecom'}. */
    String label() {
        return label;
    }

    ConfigException error(String problem) {
        return new ConfigException(file, label, problem);
    }

    boolean has(Key key) {
        return value(key) != null;
    }

    String text(Key key) {
        return (String) value(key);
    }

    boolean bool(Key key) {
        return (Boolean) value(key);
    }

    long count(Key key) {
        return ((Number) value(key)).longValue();
    }

    int integer(Key key) {
        return ((Number) value(key)).intValue();
    }

    double number(Key key) {
        return ((Number) value(key)).doubleValue();
    }

    Optional<Duration> duration(Key key) {
        return Optional.ofNullable((Duration) value(key));
    }

    @SuppressWarnings("unchecked")
    List<String> strings(Key key) {
        Object v = value(key);
        return v == null ? List.of() : (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    List<Entry> entries(Key key) {
        return (List<Entry>) value(key);
    }

    Entry mapping(Key key) {
        return (Entry) value(key);
    }

    @SuppressWarnings("unchecked")
    List<JsonNode> raw(Key key) {
        Object v = value(key);
        return v == null ? List.of() : (List<JsonNode>) v;
    }

    private Object value(Key key) {
        if (shape.key(key.name()) != key) {
            throw new IllegalArgumentException("key '" + key.name() + "' is not declared by this entry's shape");
        }
        return values.get(key.name());
    }
}
