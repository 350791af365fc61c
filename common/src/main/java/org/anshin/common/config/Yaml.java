package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers to read a YAML tree with errors that name the file and the entry. */
final class Yaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file, null, "file not found");
        }
        try {
            JsonNode root = YAML.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new ConfigException(file, null, "expected a YAML mapping at the top level");
            }
            return root;
        } catch (IOException e) {
            throw new ConfigException(file, "not valid YAML: " + e.getMessage(), e);
        }
    }

    static JsonNode list(Path file, JsonNode root, String field) {
        JsonNode list = root.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigException(file, field, "expected a non-empty list");
        }
        return list;
    }

    static String text(Path file, JsonNode node, String entry, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new ConfigException(file, entry, "missing '" + field + "'");
        }
        return value.asText().trim();
    }

    static String optionalText(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    static List<String> strings(Path file, JsonNode node, String entry, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ConfigException(file, entry, "missing list '" + field + "'");
            }
            return List.of();
        }
        if (!value.isArray()) {
            throw new ConfigException(file, entry, "'" + field + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }
}
