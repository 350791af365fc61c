package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code operators.yaml}: operators, their sectors, token hashes and rate limits. */
public record Operators(String version, Map<String, Operator> byId) {
    public static final String FILE = "operators.yaml";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Defaults sized for one operator's incident-response tooling, not for a load test. */
    static final double DEFAULT_RATE_PER_SECOND = 50;
    static final int DEFAULT_BURST = 100;

    public Operators {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    public static Operators load(Path file) {
        JsonNode root = Yaml.read(file);
        Map<String, Operator> out = new LinkedHashMap<>();
        java.util.Set<String> hashes = new HashSet<>();
        int index = 0;
        for (JsonNode node : Yaml.list(file, root, "operators")) {
            String entry = "operators[" + index++ + "]";
            String id = Yaml.text(file, node, entry, "id");
            entry = "operator '" + id + "'";
            if (out.containsKey(id)) {
                throw new ConfigException(file, entry, "listed twice");
            }
            // one hash, or a list of them while a token is rotated (old and new both valid)
            java.util.List<String> tokenHashes = node.path("tokenSha256").isArray()
                    ? Yaml.strings(file, node, entry, "tokenSha256", true)
                    : java.util.List.of(Yaml.text(file, node, entry, "tokenSha256"));
            if (tokenHashes.isEmpty()) {
                throw new ConfigException(file, entry, "tokenSha256 lists no hash");
            }
            java.util.List<String> normalised = new java.util.ArrayList<>();
            for (String raw : tokenHashes) {
                String hash = raw.trim().toLowerCase(java.util.Locale.ROOT);
                if (!SHA256_HEX.matcher(hash).matches()) {
                    throw new ConfigException(file, entry, "tokenSha256 must be 64 hex digits (SHA-256 of the token), never the token itself");
                }
                if (!hashes.add(hash)) {
                    throw new ConfigException(file, entry, "shares a token with another operator (or lists it twice)");
                }
                normalised.add(hash);
            }
            JsonNode rate = node.path("rateLimit");
            double perSecond = rate.path("perSecond").asDouble(DEFAULT_RATE_PER_SECOND);
            int burst = rate.path("burst").asInt(DEFAULT_BURST);
            if (perSecond <= 0 || burst < 1) {
                throw new ConfigException(file, entry, "rateLimit needs perSecond > 0 and burst >= 1");
            }
            out.put(id, new Operator(id, Yaml.optionalText(node, "name", id),
                    new HashSet<>(Yaml.strings(file, node, entry, "sectors", true)), normalised, perSecond, burst));
        }
        return new Operators(Yaml.optionalText(root, "version", "unversioned"), out);
    }

    /** Local-only demo tokens are {@code demo-<sector>}; their hashes ship in the repository's config. */
    public static final String DEMO_TOKEN_PREFIX = "demo-";

    /**
     * The public demo tokens that this config accepts, one line each as
     * {@code Authorization: Bearer demo-electricity -> demo-electricity-operator [electricity]}. Only tokens whose
     * hash is listed are shown, so a production config shows none.
     */
    public java.util.List<String> demoTokenLines() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (Operator op : byId.values()) {
            for (String sector : new java.util.TreeSet<>(op.sectors())) {
                String token = DEMO_TOKEN_PREFIX + sector;
                if (op.tokenSha256s().contains(TokenHash.sha256Hex(token))) {
                    lines.add("Authorization: Bearer " + token + " -> " + op.id() + " " + op.sectors());
                }
            }
        }
        return lines;
    }
}
