package org.anshin.routing.errors;

/**
 * Why a record went to the dead-letter topic: the {@code anshin.dlq.reason} header and the
 * {@code reason} tag of {@code anshin.dead.letters}. A closed set, so the metric's tags stay bounded.
 */
public enum DeadLetterReason {
    /** The report's bytes are not a readable IncidentReport (not Avro, unknown schema id). */
    UNREADABLE("unreadable"),
    /** A record without a value (a tombstone on the reports topic). */
    NULL_VALUE("null-value"),
    /** The record key is not the report's {@code operatorId/incidentId}, so partitioning by incident would break. */
    KEY_MISMATCH("key-mismatch"),
    /** The report names a sector that config/verification-levels.yaml does not list. */
    UNKNOWN_SECTOR("unknown-sector"),
    /** Routing threw unexpectedly for this report (a bug, or a stored state it cannot read). */
    PROCESSING_ERROR("processing-error"),
    /** The wall-clock duration timer of an incident threw; the timer is dropped, the others go on. */
    TIMER_ERROR("timer-error"),
    /** A notice derived from the report could not be serialized for its output topic. */
    NOTICE_UNWRITABLE("notice-unwritable");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    /** The header value and metric tag, e.g. {@code unknown-sector}. */
    public String label() {
        return label;
    }
}
