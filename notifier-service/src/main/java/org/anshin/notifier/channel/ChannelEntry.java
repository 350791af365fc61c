package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anshin.common.config.ConfigException;
import org.anshin.common.config.Secrets;

/**
 * One {@code channels[]} mapping read with strict types: a value of the wrong kind stops start-up with a
 * message naming the file, the channel and the key, instead of being read as a default ({@code asDouble}
 * of "fast" is 0, {@code asBoolean} of "yes" is false). Values that may hold secrets go through
 * {@link Secrets}; the messages here never echo a value.
 */
final class ChannelEntry {
    private final Path file;
    private final JsonNode node;
    private final Secrets secrets;
    private String where;

    ChannelEntry(Path file, String where, JsonNode node, Secrets secrets) {
        this.file = file;
        this.where = where;
        this.node = node;
        this.secrets = secrets;
    }

    /** Once the id is known, messages name the channel rather than its position. */
    void renameTo(String channel) {
        where = channel;
    }

    String where() {
        return where;
    }

    Path file() {
        return file;
    }

    ConfigException error(String problem) {
        return new ConfigException(file, where, problem);
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** A scalar as text, trimmed; null when absent or blank. Mappings and lists are refused. */
    String text(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error("'" + key + "' must be a single value, not a " + (v.isArray() ? "list" : "mapping"));
        }
        return v.asText().isBlank() ? null : v.asText().trim();
    }

    /** A text that may be (or contain) a {@code ${ENV}} or {@code ${file:/path}} reference. */
    String secret(String key) {
        return secrets.resolve(text(key), file, where, key);
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error("'" + key + "' must be true or false (unquoted), not " + kind(v));
        }
        return v.booleanValue();
    }

    double number(String key, double fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw error("'" + key + "' must be a number, not " + kind(v));
        }
        return v.doubleValue();
    }

    /** One string or a list of strings. */
    List<String> strings(String key) {
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(v.asText().trim());
            return out;
        }
        if (!v.isArray()) {
            throw error("'" + key + "' must be a string or a list of strings, not " + kind(v));
        }
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw error("'" + key + "' must be a string or a list of strings; an item is " + kind(item));
            }
            out.add(item.asText().trim());
        }
        return out;
    }

    /**
     * A mapping of names to scalar texts (e.g. {@code headers}), each value resolved like {@link #secret}; empty
     * when absent. Names must match {@code namePattern}.
     */
    java.util.Map<String, String> secretMapping(String key, java.util.regex.Pattern namePattern) {
        JsonNode v = node.get(key);
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw error("'" + key + "' must be a mapping of name to value, not " + kind(v));
        }
        for (var it = v.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!namePattern.matcher(field.getKey()).matches()) {
                throw error("'" + key + "': '" + field.getKey() + "' is not a valid name");
            }
            if (!field.getValue().isValueNode() || field.getValue().isNull() || field.getValue().asText().isBlank()) {
                throw error("'" + key + "." + field.getKey() + "' must be a non-empty text, not "
                        + kind(field.getValue()));
            }
            out.put(field.getKey(), secrets.resolve(field.getValue().asText().trim(), file, where,
                    key + "." + field.getKey()));
        }
        return out;
    }

    /** What the value is, for messages: its YAML kind, never its content (it may be a secret). */
    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return v.asText().isBlank() ? "an empty string" : "a string";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isNumber()) {
            return "a number";
        }
        return v.isArray() ? "a list" : v.isObject() ? "a mapping" : v.getNodeType().name().toLowerCase();
    }
}
