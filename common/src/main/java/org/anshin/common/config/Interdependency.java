package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code interdependency.yaml}: upstream sectors and the sectors that depend on them. Dependents are
 * resolved against the sector list ("*" = every other sector) when the whole config is loaded.
 */
public record Interdependency(String version, boolean notifyCouncil, Map<String, Set<String>> dependentsOf) {
    public static final String FILE = "interdependency.yaml";

    public Interdependency {
        dependentsOf = Collections.unmodifiableMap(new LinkedHashMap<>(dependentsOf));
    }

    /** Sectors affected when {@code sector} exceeds its level; empty when it is not upstream. */
    public Set<String> dependentsOf(String sector) {
        return dependentsOf.getOrDefault(sector, Set.of());
    }

    static Interdependency load(Path file, Set<String> knownSectors) {
        JsonNode root = Yaml.read(file);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : Yaml.list(file, root, "upstream")) {
            String entry = "upstream[" + index++ + "]";
            String sector = Yaml.text(file, node, entry, "sector");
            entry = "upstream sector '" + sector + "'";
            if (!knownSectors.contains(sector)) {
                throw new ConfigException(file, entry, "unknown sector (known: " + new java.util.TreeSet<>(knownSectors) + ")");
            }
            List<String> dependents = Yaml.strings(file, node, entry, "dependents", true);
            Set<String> resolved = new java.util.TreeSet<>();
            for (String d : dependents) {
                if ("*".equals(d)) {
                    resolved.addAll(knownSectors);
                } else if (knownSectors.contains(d)) {
                    resolved.add(d);
                } else {
                    throw new ConfigException(file, entry, "unknown dependent sector '" + d + "'");
                }
            }
            resolved.remove(sector);
            out.put(sector, Set.copyOf(resolved));
        }
        return new Interdependency(Yaml.optionalText(root, "version", "unversioned"),
                root.path("notifyCouncil").asBoolean(true), out);
    }
}
