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
    NOTICE_UNWRITABLE("notice-unwritable"),
    /**
     * An advisory routing must not fan out: TLP:RED (ingest refuses those: send them to their named recipients
     * directly), or its key is not its advisoryId.
     */
    ADVISORY_REFUSED("advisory-refused"),
    /** Feedback or a delivery receipt of an advisory routing has not seen (ingest checked it exists: a race or a forgery). */
    UNKNOWN_ADVISORY("unknown-advisory"),
    /** Feedback of an operator the advisory was not addressed to (ingest answers 404 to those). */
    NOT_ADDRESSED("not-addressed"),
    /**
     * A share or an acknowledgement of an incident without a record (or of a drill's record on real topics, or
     * the other way round).
     */
    UNKNOWN_INCIDENT("unknown-incident"),
    /** A share to a CEPTOAR that has no notice topic in the config. */
    UNKNOWN_RECIPIENT("unknown-recipient");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    /** The header value and metric tag, e.g. {@code unknown-sector}. */
    public String label() {
        return label;
    }
}
