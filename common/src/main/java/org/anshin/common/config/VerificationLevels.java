package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code verification-levels.yaml}: one {@link SectorLevel} per sector code. */
public record VerificationLevels(String version, Map<String, SectorLevel> bySector) {
    public static final String FILE = "verification-levels.yaml";

    public VerificationLevels {
        bySector = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bySector));
    }

    public Optional<SectorLevel> of(String sector) {
        return Optional.ofNullable(bySector.get(sector));
    }

    public static VerificationLevels load(Path file) {
        JsonNode root = Yaml.read(file);
        Map<String, SectorLevel> levels = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : Yaml.list(file, root, "sectors")) {
            String entry = "sectors[" + index++ + "]";
            String sector = Yaml.text(file, node, entry, "sector");
            entry = "sector '" + sector + "'";
            if (levels.containsKey(sector)) {
                throw new ConfigException(file, entry, "listed twice");
            }
            List<String> required = Yaml.strings(file, node, entry, "requiredImpact", false);
            for (String field : required) {
                requireImpactField(file, entry, field);
            }
            List<Condition> conditions = conditions(file, node, entry);
            Optional<Duration> minDuration = Optional.empty();
            String duration = Yaml.optionalText(node, "minDuration", null);
            if (duration != null) {
                try {
                    minDuration = Optional.of(Duration.parse(duration));
                } catch (DateTimeParseException e) {
                    throw new ConfigException(file, entry, "minDuration '" + duration + "' is not an ISO-8601 duration such as PT10M");
                }
            }
            levels.put(sector, new SectorLevel(sector, Yaml.text(file, node, entry, "ceptoar"),
                    Yaml.optionalText(node, "name", sector), Yaml.text(file, node, entry, "level"),
                    Yaml.optionalText(node, "levelJa", ""), required, conditions, minDuration));
        }
        return new VerificationLevels(Yaml.optionalText(root, "version", "unversioned"), levels);
    }

    private static List<Condition> conditions(Path file, JsonNode node, String entry) {
        JsonNode list = node.get("exceedsWhen");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigException(file, entry, "missing threshold: 'exceedsWhen' must list at least one condition");
        }
        List<Condition> out = new ArrayList<>();
        for (JsonNode c : list) {
            String field = Yaml.text(file, c, entry, "field");
            ImpactFields.Kind kind = requireImpactField(file, entry, field);
            if (kind == ImpactFields.Kind.FLAG) {
                if (!c.path("isTrue").asBoolean(false)) {
                    throw new ConfigException(file, entry, "flag condition on '" + field + "' needs 'isTrue: true'");
                }
                out.add(Condition.flag(field));
            } else {
                JsonNode atLeast = c.get("atLeast");
                if (atLeast == null || !atLeast.canConvertToLong() || atLeast.asLong() < 0) {
                    throw new ConfigException(file, entry, "missing threshold: count condition on '" + field
                            + "' needs 'atLeast: <non-negative number>'");
                }
                out.add(Condition.count(field, atLeast.asLong()));
            }
        }
        return out;
    }

    private static ImpactFields.Kind requireImpactField(Path file, String entry, String field) {
        ImpactFields.Kind kind = ImpactFields.kind(field);
        if (kind == null) {
            throw new ConfigException(file, entry, "unknown impact field '" + field + "' (known: "
                    + new java.util.TreeSet<>(ImpactFields.all().keySet()) + ")");
        }
        return kind;
    }
}
