package org.anshin.routing.errors;

/**
 * The timer of one incident failed in the wall-clock punctuator. Carries the incident's store key
 * ({@code r/<operator>/<incidentId>}), so the dead-letter record is keyed by it (a punctuation has no
 * source record whose bytes we could keep).
 */
public final class TimerFailedException extends RuntimeException {
    private final String incidentId;
    private final boolean exercise;

    public TimerFailedException(String incidentId, boolean exercise, RuntimeException cause) {
        super("duration timer of incident '" + incidentId + "' failed: " + cause, cause);
        this.incidentId = incidentId;
        this.exercise = exercise;
    }

    public String incidentId() {
        return incidentId;
    }

    public boolean exercise() {
        return exercise;
    }
}
