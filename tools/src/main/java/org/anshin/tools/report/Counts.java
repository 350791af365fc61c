package org.anshin.tools.report;

/**
 * The three counts every cell of the review holds: incidents reported, of them IT failures (the operator's service
 * level breached, or no service level declared), and incidents beyond the sector's verification level.
 * {@code itFailuresBeyondLevel} (both at once) is what the chart stacks; the tables show the other three.
 */
public record Counts(int reported, int itFailures, int beyondLevel, int itFailuresBeyondLevel) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0);

    public Counts plus(Counts o) {
        return new Counts(reported + o.reported, itFailures + o.itFailures, beyondLevel + o.beyondLevel,
                itFailuresBeyondLevel + o.itFailuresBeyondLevel);
    }

    /** Shorthand for tests and docs: reported, IT failures, beyond the level. */
    public boolean is(int reported, int itFailures, int beyondLevel) {
        return this.reported == reported && this.itFailures == itFailures && this.beyondLevel == beyondLevel;
    }

    @Override
    public String toString() {
        return reported + "/" + itFailures + "/" + beyondLevel;
    }
}
