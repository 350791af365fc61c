package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The keys a config mapping may hold. {@link #read} refuses unknown keys (a misspelled optional key
 * would otherwise be ignored silently, e.g. {@code minDuraton} dropping telecom's two hours), missing
 * required keys and values of the wrong type, each time naming the file, the entry and the key.
 */
final class Shape {
    /** Ids end up in Kafka keys such as {@code operatorId/incidentId}: no separators, no spaces. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final String label;
    private final List<Key> keys;
    private final Map<String, Key> byName = new LinkedHashMap<>();

    /**
     * @param label how an element is named in messages once its first key is read, e.g.
     *              {@code "sector '%s'"}; null for the top level and for nested mappings, which are
     *              named by their position
     */
    Shape(String label, Key... keys) {
        this.label = label;
        this.keys = List.of(keys);
        for (Key key : keys) {
            byName.put(key.name(), key);
        }
    }

    List<Key> keys() {
        return keys;
    }

    /** The whole file: its top-level mapping. */
    Entry readTop(Path file, JsonNode root) {
        return read(file, null, root);
    }

    /**
     * @param position where the mapping is, e.g. {@code sectors[3]}; null for the top level. Replaced by
     *                 the label as soon as the first key has been read
     */
    Entry read(Path file, String position, JsonNode node) {
        String where = position == null ? "top level" : position;
        if (node == null || !node.isObject()) {
            throw new ConfigException(file, where, "must be a mapping with the keys " + names()
                    + " (got " + describe(node) + ")");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (label != null) {
            Key first = keys.get(0);
            Object id = convert(file, where, position, first, node.get(first.name()));
            values.put(first.name(), id);
            where = label.replace("%s", String.valueOf(id));
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!byName.containsKey(name)) {
                throw new ConfigException(file, where, "unknown key '" + name + "'" + didYouMean(name)
                        + " (known keys: " + names() + ")");
            }
        }
        for (Key key : keys) {
            if (!values.containsKey(key.name())) {
                values.put(key.name(), convert(file, where, position == null ? null : where, key, node.get(key.name())));
            }
        }
        return new Entry(file, where, this, values);
    }

    Key key(String name) {
        Key key = byName.get(name);
        if (key == null) {
            throw new IllegalArgumentException("no key '" + name + "' in " + names()); // a loader bug, not a config one
        }
        return key;
    }

    private String names() {
        return keys.stream().map(Key::name).collect(Collectors.joining(", "));
    }

    private String didYouMean(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : byName.keySet()) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        // at most two edits, and fewer than half the word: 'minDuraton' -> 'minDuration', not 'id' -> 'name'
        if (best != null && bestDistance <= 2 && bestDistance * 2 < unknown.length()) {
            return " (did you mean '" + best + "'?)";
        }
        // or a shortened key: 'perSec' -> 'perSecond'
        for (String known : byName.keySet()) {
            if (unknown.length() >= 4 && known.toLowerCase(Locale.ROOT).startsWith(unknown.toLowerCase(Locale.ROOT))) {
                return " (did you mean '" + known + "'?)";
            }
        }
        return "";
    }

    /** Levenshtein distance; config keys are short. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * The typed value of one key, its fallback when absent, or an error naming file, entry and key.
     *
     * @param prefix how nested elements are positioned: {@code "<entry> "}; null at the top level
     */
    private static Object convert(Path file, String where, String prefix, Key key, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            if (key.required()) {
                throw new ConfigException(file, where, "has no '" + key.name() + "', which is required: "
                        + key.description());
            }
            if (key.type() == Key.Type.MAPPING) {
                return key.shape().read(file, at(prefix, key.name()), com.fasterxml.jackson.databind.node.JsonNodeFactory
                        .instance.objectNode());
            }
            return key.fallback();
        }
        Object out = switch (key.type()) {
            case TEXT -> text(value);
            case ID -> {
                String text = text(value);
                yield text != null && ID.matcher(text).matches() ? text : null;
            }
            case BOOLEAN -> value.isBoolean() ? value.booleanValue() : null;
            case COUNT -> value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0
                    ? value.longValue() : null;
            case POSITIVE_INT -> value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 1
                    ? value.intValue() : null;
            case POSITIVE_NUMBER -> value.isNumber() && Double.isFinite(value.doubleValue()) && value.doubleValue() > 0
                    ? value.doubleValue() : null;
            case DURATION -> duration(text(value));
            case TEXT_LIST -> textList(file, where, key, value);
            case HASHES -> hashes(value);
            case LIST -> {
                if (!value.isArray() || value.isEmpty()) {
                    yield null;
                }
                List<Entry> entries = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    entries.add(key.shape().read(file, at(prefix, key.name()) + "[" + i + "]", value.get(i)));
                }
                yield List.copyOf(entries);
            }
            case MAPPING, SECTION -> value.isObject() ? key.shape().read(file, at(prefix, key.name()), value) : null;
            case RAW_LIST -> {
                if (!value.isArray()) {
                    yield null;
                }
                List<JsonNode> raw = new ArrayList<>();
                value.forEach(raw::add);
                yield List.copyOf(raw);
            }
        };
        if (out == null) {
            // never echo a token hash field's value: a pasted token is a secret
            String got = key.type() == Key.Type.HASHES ? kind(value) : describe(value);
            String hint = key.type() == Key.Type.TEXT_LIST && value.isValueNode() ? "; write [" + value.asText() + "]" : "";
            throw new ConfigException(file, where, "'" + key.name() + "' must be " + key.type().expected
                    + " (got " + got + ")" + hint);
        }
        return out;
    }

    private static String at(String prefix, String name) {
        return prefix == null ? name : prefix + " " + name;
    }

    /** Text, or a number meant as text ({@code version: 2026}); never a boolean, list or mapping. */
    private static String text(JsonNode value) {
        return (value.isTextual() || value.isNumber()) && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(text);
            return d.isNegative() ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> textList(Path file, String where, Key key, JsonNode value) {
        if (!value.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String text = text(value.get(i));
            if (text == null) {
                throw new ConfigException(file, where, "'" + key.name() + "[" + i + "]' must be text (got "
                        + describe(value.get(i)) + ")");
            }
            out.add(text);
        }
        return List.copyOf(out);
    }

    /** Normalised (trimmed, lower-case) hashes; null when any is not 64 hex digits or none is given. */
    private static List<String> hashes(JsonNode value) {
        List<JsonNode> nodes = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(nodes::add);
        } else {
            nodes.add(value);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            String hash = n.isTextual() ? n.asText().trim().toLowerCase(Locale.ROOT) : "";
            if (!SHA256_HEX.matcher(hash).matches()) {
                return null;
            }
            out.add(hash);
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    private static String kind(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "an empty list" : "a list";
        }
        return value.isBoolean() ? "a boolean" : value.isNumber() ? "a number" : "text";
    }

    private static String describe(JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return kind(value);
        }
        String text = value.asText();
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return kind(value) + " " + (value.isTextual() ? "'" + shown + "'" : shown);
    }
}
