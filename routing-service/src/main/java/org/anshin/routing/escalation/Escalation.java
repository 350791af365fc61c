package org.anshin.routing.escalation;

import java.time.Instant;
import java.util.List;

/**
 * The value of the {@value Escalations#STORE} store, keyed by incidentKey: per tracked recipient when its clock
 * started, the tier it reached (1: only the first notices so far) and whether it acknowledged. Only incidents
 * with something left to do are kept: a tier still to page, or reached tiers whose alerts a resolution must close.
 */
public record Escalation(boolean exercise, List<Track> tracks) {
    public Escalation {
        tracks = List.copyOf(tracks);
    }

    /**
     * @param start       classifiedAt of the first notice to the recipient that exceeded the verification level
     * @param tierReached the last tier paged (1 before any re-page)
     */
    public record Track(String recipient, Instant start, int tierReached, boolean acknowledged) {
        Track reached(int tier) {
            return new Track(recipient, start, tier, acknowledged);
        }

        Track acknowledge() {
            return new Track(recipient, start, tierReached, true);
        }
    }

    public boolean tracks(String recipient) {
        return tracks.stream().anyMatch(t -> t.recipient().equals(recipient));
    }
}
