package org.anshin.notifier.kafka;

/**
 * The {@code anshin.dlq.*} header names all dead letters share ({@link org.anshin.schemas.DeadLetterHeaders}),
 * and the notifier's own closed set of reasons.
 */
public final class DeadLetterHeaders {
    public static final String REASON = org.anshin.schemas.DeadLetterHeaders.REASON;
    public static final String EXCEPTION = org.anshin.schemas.DeadLetterHeaders.EXCEPTION;
    public static final String MESSAGE = org.anshin.schemas.DeadLetterHeaders.MESSAGE;
    public static final String SOURCE_TOPIC = org.anshin.schemas.DeadLetterHeaders.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = org.anshin.schemas.DeadLetterHeaders.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = org.anshin.schemas.DeadLetterHeaders.SOURCE_OFFSET;
    /** Longest {@link #MESSAGE} value: an exception message can quote a whole record. */
    static final int MAX_MESSAGE_CHARS = 2_000;

    private DeadLetterHeaders() {
    }

    /** Why a notice record was dead-lettered: the {@link #REASON} header value. A closed set. */
    public enum Reason {
        /** Not a readable IncidentNotice: not Confluent wire format, or Avro that does not decode. */
        UNREADABLE("unreadable"),
        /** The record names a schema id the registry does not know (404). */
        UNKNOWN_SCHEMA("unknown-schema");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
