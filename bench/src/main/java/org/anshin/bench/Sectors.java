package org.anshin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sectors the load is spread over, read from the shipped {@code verification-levels.yaml}: each with its own
 * bench operator and an impact that carries the sector's required fields BELOW its level, so that every new
 * incident yields one NEW notice to its CEPTOAR and one to NISC, and no cascade (cascades need an exceeded level).
 */
record Sectors(List<Sector> all) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sector code, its bench operator's token and the impact object its reports carry (JSON text). */
    record Sector(String code, String operatorId, String token, String impactJson) {
    }

    Sectors {
        all = List.copyOf(all);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no sectors in verification-levels.yaml");
        }
    }

    static Sectors load(Path configDir) throws IOException {
        JsonNode root = YAML.readTree(configDir.resolve("verification-levels.yaml").toFile());
        List<Sector> out = new ArrayList<>();
        for (JsonNode s : root.path("sectors")) {
            String code = s.path("sector").asText();
            out.add(new Sector(code, operatorId(code), token(code), belowLevel(s)));
        }
        return new Sectors(out);
    }

    static String operatorId(String sector) {
        return "bench-load-" + sector;
    }

    /** Local bench stack only; the config holds its SHA-256. */
    static String token(String sector) {
        return "bench-token-load-" + sector;
    }

    /** The i-th report's sector: round robin, so every sector (and its CEPTOAR's channel) takes its share. */
    Sector of(long i) {
        return all.get((int) Math.floorMod(i, (long) all.size()));
    }

    /**
     * Required impact fields below the level: flags false, counts one below the smallest threshold (at most 1,000),
     * serviceStopped/serviceDelayed false even when not required (the banking-style sectors read both).
     */
    static String belowLevel(JsonNode sector) {
        ObjectNode impact = JSON.createObjectNode();
        for (JsonNode f : sector.path("requiredImpact")) {
            String field = f.asText();
            long threshold = Long.MAX_VALUE;
            boolean flag = false;
            for (JsonNode c : sector.path("exceedsWhen")) {
                if (c.path("field").asText().equals(field)) {
                    if (c.has("isTrue")) {
                        flag = true;
                    } else if (c.has("atLeast")) {
                        threshold = Math.min(threshold, c.path("atLeast").asLong());
                    }
                }
            }
            if (flag || isFlag(field)) {
                impact.put(field, false);
            } else {
                impact.put(field, Math.max(0, Math.min(1000, threshold - 1)));
            }
        }
        return impact.toString();
    }

    private static boolean isFlag(String field) {
        return switch (field) {
            case "serviceStopped", "serviceDelayed", "cargoLost", "medicalRecordsImpaired", "waterQualityAbnormal",
                 "residentsImpaired" -> true;
            default -> false;
        };
    }
}
