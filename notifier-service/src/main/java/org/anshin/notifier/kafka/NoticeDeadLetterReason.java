package org.anshin.notifier.kafka;

/**
 * Why a notice record was dead-lettered: the value of the shared {@code anshin.dlq.reason} header
 * ({@link org.anshin.schemas.DeadLetterHeaders#REASON}). A closed set, so metrics and alerts stay bounded.
 */
public enum NoticeDeadLetterReason {
    /** Not a readable IncidentNotice: not Confluent wire format, or Avro that does not decode. */
    UNREADABLE("unreadable"),
    /** The record names a schema id the registry does not know (404). */
    UNKNOWN_SCHEMA("unknown-schema");

    private final String label;

    NoticeDeadLetterReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
