package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ceptoars.yaml}: every CEPTOAR with its topic and channels. */
public record Ceptoars(String version, Map<String, Ceptoar> byId) {
    public static final String FILE = "ceptoars.yaml";
    public static final String COUNCIL = "council";

    public Ceptoars {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    public Optional<Ceptoar> of(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public static Ceptoars load(Path file) {
        JsonNode root = Yaml.read(file);
        Map<String, Ceptoar> out = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : Yaml.list(file, root, "ceptoars")) {
            String entry = "ceptoars[" + index++ + "]";
            String id = Yaml.text(file, node, entry, "id");
            entry = "CEPTOAR '" + id + "'";
            if (out.containsKey(id)) {
                throw new ConfigException(file, entry, "listed twice");
            }
            String topic = Yaml.optionalText(node, "topic", null);
            if (topic == null || topic.isBlank()) {
                throw new ConfigException(file, entry, "has no 'topic' (expected e.g. ceptoar." + id + ".incidents)");
            }
            List<JsonNode> channels = new ArrayList<>();
            JsonNode list = node.get("channels");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw new ConfigException(file, entry, "'channels' must be a list");
                }
                list.forEach(channels::add);
            }
            out.put(id, new Ceptoar(id, Yaml.optionalText(node, "name", id), topic.trim(), channels));
        }
        return new Ceptoars(Yaml.optionalText(root, "version", "unversioned"), out);
    }
}
