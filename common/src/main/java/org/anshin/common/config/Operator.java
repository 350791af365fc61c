package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An operator allowed to report: its sectors, the SHA-256 (hex) of each of its valid tokens (two
 * while a token is being rotated), its rate limit, the rate limit of each of its incidents, and its own
 * service level if it declared one (empty: not declared), and its own {@code contacts}: delivery channels for
 * advisories, kept as raw YAML nodes like {@link Ceptoar#channels()} (notifier-service owns their meaning and
 * validation).
 */
public record Operator(String id, String name, Set<String> sectors, List<String> tokenSha256s,
                       double ratePerSecond, int burst, double incidentPerHour, int incidentBurst,
                       Optional<ServiceLevel> serviceLevel, List<JsonNode> contacts) {
    public static final double DEFAULT_INCIDENT_PER_HOUR = 120;
    public static final int DEFAULT_INCIDENT_BURST = 20;

    /** Without contacts. */
    public Operator(String id, String name, Set<String> sectors, List<String> tokenSha256s, double ratePerSecond,
                    int burst, double incidentPerHour, int incidentBurst, Optional<ServiceLevel> serviceLevel) {
        this(id, name, sectors, tokenSha256s, ratePerSecond, burst, incidentPerHour, incidentBurst, serviceLevel,
                List.of());
    }

    public Operator(String id, String name, Set<String> sectors, List<String> tokenSha256s, double ratePerSecond,
                    int burst) {
        this(id, name, sectors, tokenSha256s, ratePerSecond, burst, DEFAULT_INCIDENT_PER_HOUR, DEFAULT_INCIDENT_BURST,
                Optional.empty());
    }

    public Operator {
        sectors = Set.copyOf(sectors);
        tokenSha256s = List.copyOf(tokenSha256s);
        serviceLevel = serviceLevel == null ? Optional.empty() : serviceLevel;
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        if (tokenSha256s.isEmpty()) {
            throw new IllegalArgumentException("operator " + id + " needs at least one token hash");
        }
    }

    public Operator(String id, String name, Set<String> sectors, String tokenSha256, double ratePerSecond, int burst) {
        this(id, name, sectors, List.of(tokenSha256), ratePerSecond, burst);
    }

    /** The first (newest listed) token hash. */
    public String tokenSha256() {
        return tokenSha256s.get(0);
    }

    public boolean mayReport(String sector) {
        return sectors.contains(sector);
    }

    @Override
    public String toString() {
        return "Operator[" + id + ", sectors=" + sectors + "]"; // never print token hashes
    }
}
