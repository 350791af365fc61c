package org.anshin.common.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One secretariat that may issue advisories (情報提供): NISC (the hub), a CEPTOAR's secretariat (its id is the
 * CEPTOAR id) or a ministry; the sectors it may advise ({@code allSectors} for NISC, or a ministry that says
 * {@code [all]}), and the SHA-256 (hex) of each of its valid tokens (two while rotating).
 */
public record Secretariat(String id, String name, Role role, Set<String> sectors, boolean allSectors,
                          List<String> tokenHashes) {

    /** How {@code role:} is spelled in secretariats.yaml (and in Advisory.issuerRole): lower case. */
    public enum Role {
        NISC, CEPTOAR, MINISTRY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Role> parse(String label) {
            for (Role r : values()) {
                if (r.label().equals(label)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    public Secretariat {
        sectors = Set.copyOf(sectors);
        tokenHashes = List.copyOf(tokenHashes);
        if (tokenHashes.isEmpty()) {
            throw new IllegalArgumentException("secretariat " + id + " needs at least one token hash");
        }
    }

    /** Whether it may address {@code sector} (a sector code of verification-levels.yaml). */
    public boolean mayAdvise(String sector) {
        return sectors.contains(sector);
    }

    public boolean isNisc() {
        return role == Role.NISC;
    }

    /** The CEPTOAR whose secretariat this is; empty for NISC and ministries. */
    public Optional<String> ceptoarId() {
        return role == Role.CEPTOAR ? Optional.of(id) : Optional.empty();
    }

    /**
     * The agreed acknowledgement rule, in one place for ingest (which enforces it) and the console (which offers
     * the button): NISC acknowledges any incident (TLP:RED too); a CEPTOAR's secretariat those of the sectors whose
     * CEPTOAR it is ({@code ownerCeptoar}), unless TLP:RED; a ministry none.
     *
     * @return empty when allowed, else the reason, naming the incident (never its content)
     */
    public Optional<String> acknowledgementRefusal(String incidentKey, String ownerCeptoar, boolean tlpRed) {
        if (isNisc()) {
            return Optional.empty();
        }
        if (ceptoarId().filter(ownerCeptoar::equals).isEmpty()) {
            return Optional.of("incident " + incidentKey + " is not of a sector whose CEPTOAR is " + id
                    + ": only NISC and the incident's own CEPTOAR acknowledge it (a shared notice or a cascade warning"
                    + " is not acknowledged)");
        }
        if (tlpRed) {
            return Optional.of("incident " + incidentKey + " is TLP:RED: only NISC acknowledges it");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Secretariat[" + id + ", " + role.label() + ", sectors=" + (allSectors ? "all" : sectors) + "]"; // no hashes
    }
}
