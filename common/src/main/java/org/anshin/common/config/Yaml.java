package org.anshin.common.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a config file's YAML tree; {@link Shape} then checks it key by key. */
final class Yaml {
    // a key written twice in one mapping would otherwise keep only the last value, silently
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

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
}
