package org.anshin.notifier.kafka;

/**
 * The {@code anshin.dlq.*} header names of routing-service's {@code DeadLetters}, copied (the notifier does
 * not depend on routing's module), and the notifier's own closed set of reasons, so a dashboard or a
 * {@code kcat} reader treats both dead-letter topics alike.
 */
public final class DeadLetterHeaders {
    public static final String REASON = "anshin.dlq.reason";
    public static final String EXCEPTION = "anshin.dlq.exception";
    public static final String MESSAGE = "anshin.dlq.message";
    public static final String SOURCE_TOPIC = "anshin.dlq.source.topic";
    public static final String SOURCE_PARTITION = "anshin.dlq.source.partition";
    public static final String SOURCE_OFFSET = "anshin.dlq.source.offset";
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
