package org.anshin.common.config;

import java.util.Set;

/** An operator allowed to report: its sectors, the SHA-256 (hex) of its token, and its rate limit. */
public record Operator(String id, String name, Set<String> sectors, String tokenSha256,
                       double ratePerSecond, int burst) {
    public Operator {
        sectors = Set.copyOf(sectors);
    }

    public boolean mayReport(String sector) {
        return sectors.contains(sector);
    }

    @Override
    public String toString() {
        return "Operator[" + id + ", sectors=" + sectors + "]"; // never print the token hash
    }
}
